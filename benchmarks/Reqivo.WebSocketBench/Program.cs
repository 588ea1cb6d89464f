using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets;

// Usage: dotnet run -c Release --project benchmarks/Reqivo.WebSocketBench [-- --reps 9]
// The parent starts itself with --server (Kestrel's /ws/echo in a child process), then times echo round-trips with each
// client in turn on the same server: one message out, the same message back, waited for before the next.
if (args.Contains("--server"))
{
    await using KestrelTestHost host = await KestrelTestHost.StartAsync();
    Console.WriteLine(host.Port.ToString(CultureInfo.InvariantCulture));
    await Console.In.ReadLineAsync();
    return 0;
}

int reps = args.Length > 1 && args[0] == "--reps" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
// Under `dotnet run` the process is the app host, under `dotnet x.dll` it is dotnet, which needs the assembly first:
// passing the assembly to the app host would make the child a second parent, which would start its own child.
string self = Environment.ProcessPath!;
string[] serverArgs = System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Program).Assembly.Location, "--server"] : ["--server"];
using Process server = Process.Start(new ProcessStartInfo(self, serverArgs)
{
    RedirectStandardInput = true,
    RedirectStandardOutput = true,
})!;
int port = int.Parse(server.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
var uri = new Uri($"ws://127.0.0.1:{port}/ws/echo");

Console.WriteLine($"| client | message | round-trips/s | ratio to ClientWebSocket | allocated B/round-trip | client CPU µs/round-trip |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
string[] clients = ["Reqivo async", "Reqivo async, read thread", "Reqivo sync", "ClientWebSocket"];
foreach ((int size, int count) in new[] { (16, 10_000), (64 * 1024, 1_000) })
{
    byte[] payload = new byte[size];
    Random.Shared.NextBytes(payload);
    // The clients take turns within each rep, so a burst of outside load hits them alike; each ratio is taken
    // within one rep (neighbours in time) and the medians over the reps are reported, which outliers do not move.
    var runs = clients.ToDictionary(client => client, _ => new List<(double Rate, double Bytes, double Cpu)>());
    for (int rep = 0; rep < reps; rep++)
    {
        foreach (string client in clients)
        {
            runs[client].Add(await MeasureAsync(client, uri, payload, count));
        }
    }

    foreach (string client in clients)
    {
        List<(double Rate, double Bytes, double Cpu)> own = runs[client];
        double rate = Median(own.Select(run => run.Rate));
        double ratio = Median(own.Select((run, rep) => run.Rate / runs["ClientWebSocket"][rep].Rate));
        Console.WriteLine($"| {client} | {size} B | {rate:N0} | {ratio:N2} × | {own.Min(run => run.Bytes):N0} | {Median(own.Select(run => run.Cpu)):N1} |");
    }
}

server.StandardInput.WriteLine();
await server.WaitForExitAsync();
return 0;

static double Median(IEnumerable<double> values)
{
    double[] sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

// One timed loop on a fresh connection: round-trips/s, allocated bytes and client CPU µs per round-trip (user +
// system time of this process; the server runs in its own), the last less sensitive than the rate to outside load.
static async Task<(double Rate, double Bytes, double CpuMicroseconds)> MeasureAsync(string client, Uri uri, byte[] payload, int count)
{
    Func<int, Task> loop;
    IAsyncDisposable connection;
    if (client == "ClientWebSocket")
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        byte[] receive = new byte[payload.Length + 1];
        loop = async n =>
        {
            for (int i = 0; i < n; i++)
            {
                await socket.SendAsync(payload.AsMemory(), System.Net.WebSockets.WebSocketMessageType.Binary, true, CancellationToken.None);
                int got = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(receive.AsMemory(got), CancellationToken.None);
                    got += result.Count;
                }
                while (!result.EndOfMessage);
            }
        };
        connection = new Disposer(() => socket.Dispose());
    }
    else
    {
        bool sync = client == "Reqivo sync";
        // SocketTransport.DedicatedReadThread: waiting reads resume on the connection's own thread.
        WebSocketOptions? options = client.Contains("read thread", StringComparison.Ordinal)
            ? new WebSocketOptions { Transport = new Reqivo.Transport.SocketTransport { DedicatedReadThread = true } }
            : null;
        // A connection opened synchronously stays in blocking mode (see ITransportConnection).
        WebSocketClient ws = sync ? WebSocketClient.Connect(uri, options) : await WebSocketClient.ConnectAsync(uri, options);
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 1);
        loop = async n =>
        {
            for (int i = 0; i < n; i++)
            {
                buffer.ResetWrittenCount();
                if (sync)
                {
                    ws.Send(payload, Reqivo.WebSockets.WebSocketMessageType.Binary);
                    ws.ReceiveInto(buffer);
                }
                else
                {
                    await ws.SendAsync(payload, Reqivo.WebSockets.WebSocketMessageType.Binary);
                    await ws.ReceiveIntoAsync(buffer);
                }
            }
        };
        connection = ws;
    }

    await loop(count / 10);
    GC.Collect();
    long allocated = GC.GetTotalAllocatedBytes(precise: true);
    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    long started = Stopwatch.GetTimestamp();
    await loop(count);
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    long used = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    await connection.DisposeAsync();
    // A connection with its own read thread resumes this method on that thread: back to the pool for the next.
    await Task.Yield();
    return (count / seconds, (double)used / count, cpu.TotalMicroseconds / count);
}

internal sealed class Disposer(Action dispose) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        dispose();
        return default;
    }
}
