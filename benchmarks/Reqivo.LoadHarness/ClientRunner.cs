using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling;

namespace Reqivo.LoadHarness;

/// <summary>
/// <c>--client NAME</c>: measured runs of one client in this (child) process, each reported as a <c>RESULT</c> line.
/// Load mode: N connections loop on the URL; after the warm-up, allocation (<see cref="GC.GetTotalAllocatedBytes(bool)"/>),
/// CPU time and requests are counted over each measured window. Download mode: one warm-up download, then timed ones.
/// </summary>
/// <remarks>
/// The controller runs on the main thread and only sleeps, so it takes no thread-pool thread from async clients.
/// Snapshots are ordered so that their own allocations fall outside the window (CPU read first, bytes last at the
/// start; the reverse at the end).
/// </remarks>
internal static class ClientRunner
{
    /// <summary>An experiment switch (<c>--no-timeouts</c>): Reqivo with <see cref="Timeouts.None"/>, to price per-operation timers.</summary>
    public static bool NoTimeouts { get; set; }

    /// <summary>After a pause the connections sat idle: they run this long before a window is measured.</summary>
    private static readonly TimeSpan Rewarm = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Warms up, then measures one window of <paramref name="duration"/> and exits; or, with
    /// <paramref name="serveWindows"/>, pauses and prints <c>READY</c>, then measures one window per
    /// <c>measure SECONDS</c> line on stdin (pausing in between) until <c>quit</c> or the end of stdin. A process
    /// warmed up once keeps its JIT tiers, pool and thread pool for all its windows.
    /// </summary>
    public static int RunLoad(
        ClientKind kind, string url, int connections, TimeSpan warmup, TimeSpan duration, int bodyLength,
        IReadOnlyList<int> serverPids, bool serveWindows)
    {
        var window = new LoadWindow();
        // Room for every latency at up to 250k requests/s in total; later ones are counted but not recorded.
        int capacity = (int)Math.Min(20_000_000, 250_000 * Math.Max(duration.TotalSeconds, 5) / connections) + 1024;
        Worker[] workers = [.. Enumerable.Range(0, connections).Select(_ => new Worker(capacity))];

        using Session session = CreateSession(connections);
        using HttpClient client = CreateHttpClient(connections);
        Action join = Start(kind, session, client, url, bodyLength, workers, window);
        Thread.Sleep(warmup);
        if (!serveWindows)
        {
            Console.WriteLine(Measure(workers, window, duration, serverPids).Format());
        }
        else
        {
            window.Pause();
            Console.WriteLine("READY");
            while (Console.ReadLine() is { } command && command.StartsWith("measure ", StringComparison.Ordinal))
            {
                window.Run();
                Thread.Sleep(Rewarm);
                ClientResult result = Measure(workers, window, TimeSpan.FromSeconds(double.Parse(command["measure ".Length..], CultureInfo.InvariantCulture)), serverPids);
                window.Pause();
                Console.WriteLine(result.Format());
            }
        }

        window.Stop();
        join();
        return 0;
    }

    private static ClientResult Measure(Worker[] workers, LoadWindow window, TimeSpan duration, IReadOnlyList<int> serverPids)
    {
        foreach (Worker worker in workers)
        {
            worker.BeginWindow();
        }

        CpuSnapshot cpuStart = CpuSnapshot.Read(serverPids);
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        long started = Stopwatch.GetTimestamp();
        window.BeginMeasuring();

        Thread.Sleep(duration);

        window.Run();
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        CpuSnapshot cpu = CpuSnapshot.Read(serverPids) - cpuStart;
        return ClientResult.From(workers, seconds, allocated, cpu);
    }

    public static int RunDownload(ClientKind kind, string url, int downloads, IReadOnlyList<int> serverPids)
    {
        using Session session = CreateSession(1);
        using HttpClient client = CreateHttpClient(1);
        Download(kind, session, client, url);

        CpuSnapshot cpuStart = CpuSnapshot.Read(serverPids);
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        long started = Stopwatch.GetTimestamp();
        long bytes = 0;
        for (int i = 0; i < downloads; i++)
        {
            bytes += Download(kind, session, client, url);
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        CpuSnapshot cpu = CpuSnapshot.Read(serverPids) - cpuStart;
        var result = new ClientResult(downloads, seconds, allocated, cpu.User.TotalSeconds, cpu.Kernel.TotalSeconds,
            double.NaN, double.NaN, 0, null, bytes).WithMachine(cpu);
        Console.WriteLine(result.Format());
        return 0;
    }

    private static Session CreateSession(int connections) => new(new SessionOptions
    {
        Pool = new ConnectionPoolOptions { MaxConnectionsPerOrigin = connections },
        Timeouts = NoTimeouts ? Timeouts.None : Timeouts.Default,
    });

    // Defaults apart from the connection limit; no proxy lookup (the peers are on 127.0.0.1 anyway).
    private static HttpClient CreateHttpClient(int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false });

    private static Action Start(
        ClientKind kind, Session session, HttpClient client, string url, int bodyLength, Worker[] workers, LoadWindow window)
    {
        if (kind.IsSync())
        {
            // One dedicated thread per connection: sync clients block, they must not borrow thread-pool threads.
            Thread[] threads = [.. workers.Select(worker => new Thread(kind == ClientKind.ReqivoSync
                ? () => LoadLoops.ReqivoSync(session, url, bodyLength, worker, window)
                : () => LoadLoops.HttpClientSync(client, url, bodyLength, worker, window)) { IsBackground = true })];
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            return () => Array.ForEach(threads, thread => thread.Join());
        }

        Task[] tasks = [.. workers.Select(worker => kind == ClientKind.ReqivoAsync
            ? Task.Run(() => LoadLoops.ReqivoAsync(session, url, bodyLength, worker, window))
            : Task.Run(() => LoadLoops.HttpClientAsync(client, url, bodyLength, worker, window)))];
        return () => Task.WaitAll(tasks);
    }

    private static long Download(ClientKind kind, Session session, HttpClient client, string url) => kind switch
    {
        ClientKind.ReqivoAsync => ReqivoDownloadAsync(session, url).AsTask().GetAwaiter().GetResult(),
        ClientKind.ReqivoSync => ReqivoDownload(session, url),
        ClientKind.HttpClientAsync => HttpClientDownloadAsync(client, url).GetAwaiter().GetResult(),
        ClientKind.HttpClientSync => HttpClientDownload(client, url),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static async ValueTask<long> ReqivoDownloadAsync(Session session, string url)
    {
        long received = 0;
        await using Response response = await session.SendAsync(new Request(HttpMethods.Get, url) { StreamResponse = true }).ConfigureAwait(false);
        response.EnsureSuccess();
        await foreach (ReadOnlyMemory<byte> chunk in response.ReadChunksAsync().ConfigureAwait(false))
        {
            received += chunk.Length;
        }

        return received;
    }

    private static long ReqivoDownload(Session session, string url)
    {
        long received = 0;
        using Response response = session.Send(new Request(HttpMethods.Get, url) { StreamResponse = true });
        response.EnsureSuccess();
        foreach (ReadOnlyMemory<byte> chunk in response.ReadChunks())
        {
            received += chunk.Length;
        }

        return received;
    }

    // HttpClient: headers first, then the content stream copied to Stream.Null; the length is the declared one.
    private static async Task<long> HttpClientDownloadAsync(HttpClient client, string url)
    {
        using HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await body.CopyToAsync(Stream.Null).ConfigureAwait(false);
        return response.Content.Headers.ContentLength ?? throw new InvalidOperationException("No Content-Length.");
    }

    private static long HttpClientDownload(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using Stream body = response.Content.ReadAsStream();
        body.CopyTo(Stream.Null);
        return response.Content.Headers.ContentLength ?? throw new InvalidOperationException("No Content-Length.");
    }
}
