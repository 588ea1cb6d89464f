using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;

namespace Reqivo.LoadHarness;

/// <summary>One measured run: which server, how many connections, which repetition, which client, what it did.</summary>
internal sealed record Sample(string Server, int Connections, int Repetition, ClientKind Client, ClientResult Result);

/// <summary>
/// The default mode: runs every client against every server and connection count, alternating the clients within
/// each repetition (the starting client rotates), then the 256 MiB download, and writes the Markdown report.
/// </summary>
internal sealed class Orchestrator(HarnessOptions options)
{
    // Reqivo and HttpClient alternate, so that a burst of noise on the shared machine hits both.
    private static readonly ClientKind[] LoadOrder =
        [ClientKind.ReqivoAsync, ClientKind.HttpClientAsync, ClientKind.ReqivoSync, ClientKind.HttpClientSync, ClientKind.Wrk];

    private readonly List<Sample> _load = [];
    private readonly List<Sample> _downloads = [];

    public int Run()
    {
        var conditions = RunConditions.Capture(options);
        string nginxUrl = $"http://127.0.0.1:{options.NginxPort}";
        int nginxMaster = CheckNginx(nginxUrl);
        Pinning? pinning = Pinning.Detect(options.NoPin);
        conditions.Pinning = pinning is null
            ? "none (taskset missing, one CPU, or --no-pin)"
            : $"1-connection runs: client process and server worker pinned to CPU {pinning.Cpu} with taskset; 32-connection runs unpinned";
        Progress($"harness: {options.Repetitions} repetitions x {options.Seconds} s windows (clients warmed up {options.Warmup} s first); pinning: {conditions.Pinning}");

        var stopwatch = Stopwatch.StartNew();
        if (options.Servers.Contains("nginx"))
        {
            RunServer("nginx", nginxUrl, Pinning.ChildrenOf(nginxMaster), pinning);
        }

        if (options.Servers.Contains("kestrel"))
        {
            using KestrelChild kestrel = KestrelChild.Start();
            Progress($"kestrel child (pid {kestrel.ProcessId}) on {kestrel.BaseUrl}");
            RunServer("kestrel", kestrel.BaseUrl, [kestrel.ProcessId], pinning);
        }

        if (options.Downloads > 0)
        {
            RunDownloads(nginxUrl, Pinning.ChildrenOf(nginxMaster));
        }

        conditions.Finish(stopwatch.Elapsed);
        string report = Report.Write(conditions, _load, _downloads);
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
        File.WriteAllText(options.Output, report);
        Progress($"report written to {options.Output} ({stopwatch.Elapsed.TotalMinutes:F1} min)");
        return _load.Concat(_downloads).Any(s => s.Result.Errors > 0) ? 1 : 0;
    }

    private void RunServer(string server, string baseUrl, IReadOnlyList<int> serverPids, Pinning? pinning)
    {
        string url = baseUrl + "/small";
        foreach (int connections in options.Connections)
        {
            Pinning? pin = connections == 1 ? pinning : null;
            foreach (int pid in serverPids)
            {
                if (pin is not null)
                {
                    pin.Pin(pid);
                }
            }

            var clients = new Dictionary<ClientKind, ClientProcess>();
            try
            {
                // Each client warms up once, alone, then waits paused while the others warm up and measure.
                foreach (ClientKind client in ClientKinds.Managed)
                {
                    Progress($"{server} c={connections}: warming up {client.Name()} ({options.Warmup} s)");
                    clients[client] = ClientProcess.Start(LoadArguments(client, url, connections, serverPids), pin, TimeSpan.FromSeconds(options.Warmup + 60));
                }

                for (int repetition = 0; repetition < options.Repetitions; repetition++)
                {
                    foreach (ClientKind client in Rotate(LoadOrder, repetition))
                    {
                        ClientResult result = client == ClientKind.Wrk
                            ? ChildProcesses.RunWrk(options.WrkScript, url, connections, options.Seconds, pin, serverPids)
                            : clients[client].Measure(options.Seconds);
                        _load.Add(new Sample(server, connections, repetition, client, result));
                        Progress(FormattableString.Invariant(
                            $"{server} c={connections} rep {repetition + 1}: {client.Name(),-16} {result.RequestsPerSecond,9:F0} req/s  {result.AllocatedPerRequest,7:F0} B/req  {result.CpuMicrosPerRequest,6:F1} CPU us/req  server {result.ServerCpuMicrosPerRequest,5:F1} us/req  other load {result.OtherLoadCores:F2} cores  errors {result.Errors}"));
                    }
                }
            }
            finally
            {
                foreach (ClientProcess process in clients.Values)
                {
                    process.Dispose();
                }

                foreach (int pid in serverPids)
                {
                    pin?.Unpin(pid);
                }
            }
        }
    }

    private void RunDownloads(string nginxUrl, IReadOnlyList<int> serverPids)
    {
        string url = nginxUrl + "/download/256m";
        for (int repetition = 0; repetition < options.Repetitions; repetition++)
        {
            foreach (ClientKind client in Rotate(ClientKinds.Managed, repetition))
            {
                string[] arguments = ["--client", client.Name(), "--url", url, "--download", options.Downloads.ToString(CultureInfo.InvariantCulture), "--server-pids", string.Join(',', serverPids)];
                ClientResult result = ChildProcesses.RunClient(arguments, null, TimeSpan.FromMinutes(2));
                _downloads.Add(new Sample("nginx", 1, repetition, client, result));
                Progress(FormattableString.Invariant($"download rep {repetition + 1}: {client.Name(),-16} {result.MegabytesPerSecond,7:F0} MB/s  other load {result.OtherLoadCores:F2} cores"));
            }
        }
    }

    private string[] LoadArguments(ClientKind client, string url, int connections, IReadOnlyList<int> serverPids) =>
    [
        "--server-pids", string.Join(',', serverPids),
        "--client", client.Name(), "--url", url,
        "--connections", connections.ToString(CultureInfo.InvariantCulture),
        "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
    ];

    private static IEnumerable<ClientKind> Rotate(ClientKind[] items, int by) =>
        Enumerable.Range(0, items.Length).Select(i => items[(i + by) % items.Length]);

    // nginx must already run (./build.sh bench-load starts it); returns its master pid, whose children are the workers.
    private int CheckNginx(string baseUrl)
    {
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            string body = client.GetStringAsync(baseUrl + "/small").GetAwaiter().GetResult();
            if (body != "hello")
            {
                throw new InvalidOperationException($"unexpected /small body '{body}'");
            }
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException or System.Threading.Tasks.TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"nginx does not answer on {baseUrl}/small ({error.Message}). Start it with build/interop/nginx.sh start " +
                "(REQIVO_NGINX_HTTP_PORT moves it), or run ./build.sh bench-load, which starts and stops it.", error);
        }

        string pidFile = Path.Combine(options.RepositoryRoot, "artifacts/interop/nginx/nginx.pid");
        return int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
    }

    private static void Progress(string line) => Console.Error.WriteLine(line);
}
