using System;
using System.Linq;
using Reqivo.WebSocketConformance.Driver;

// Usage: Reqivo.WebSocketConformance.Driver [ws://127.0.0.1:9001] [agent] [--async]
// Runs every case the fuzzing server selected with Reqivo's client (sync API unless --async), then asks for the
// reports. The verdicts are the server's: its exit status and summary.md say whether a case failed.
bool useAsync = args.Contains("--async");
string[] positional = args.Where(a => a != "--async").ToArray();
if (positional.Length > 2)
{
    Console.Error.WriteLine("usage: Reqivo.WebSocketConformance.Driver [ws://host:port] [agent] [--async]");
    return 2;
}

var baseUri = new Uri(positional.Length > 0 ? positional[0] : "ws://127.0.0.1:9001");
string agent = positional.Length > 1 ? positional[1] : useAsync ? "reqivo-async" : "reqivo";
var driver = new AutobahnDriver(baseUri, agent);
void Started(int count) => Console.WriteLine($"running {count} cases as agent {agent} ({(useAsync ? "async" : "sync")} API)");
int ran = useAsync ? await driver.RunAllAsync(Started) : driver.RunAll(Started);
Console.WriteLine($"ran {ran} cases");
return 0;
