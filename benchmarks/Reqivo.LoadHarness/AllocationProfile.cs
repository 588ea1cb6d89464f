using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.LoadHarness;

/// <summary>
/// <c>--alloc-profile --url URL</c>: where the bytes of one request go, by experiment, on one connection. Each
/// variant removes one piece of work through the public API (URL parsing, the Request object, the default
/// User-Agent, the buffered body, buffering itself); the difference in bytes per request is that piece's cost.
/// Each variant is also sampled with <see cref="AllocationSampler"/> to name the types allocated.
/// </summary>
internal static class AllocationProfile
{
    private enum Variant
    {
        GetString,
        RequestFromUri,
        ReusedRequest,
        ReusedNoUserAgent,
        ReusedHead,
        ReusedStreamed,
        HttpClient,
    }

    private static readonly (Variant Variant, string Description)[] Variants =
    [
        (Variant.GetString, "session.Get(url string) + ReadAsBytes (the load runs)"),
        (Variant.RequestFromUri, "new Request(GET, Uri) per call: no URL parsing"),
        (Variant.ReusedRequest, "one Request sent again and again: no Request, no Uri"),
        (Variant.ReusedNoUserAgent, "as above, session without a default User-Agent"),
        (Variant.ReusedHead, "as above, HEAD: no body to buffer"),
        (Variant.ReusedStreamed, "reused GET, StreamResponse + ReadChunks instead of buffering"),
        (Variant.HttpClient, "HttpClient (GetAsync + ReadAsByteArrayAsync / Send + stream), for reference"),
    ];

    public static int Run(string url, TimeSpan warmup, TimeSpan duration)
    {
        using var sampler = new AllocationSampler();
        using var session = new Session();
        using var bareSession = new Session(new SessionOptions { UserAgent = null });
        using var httpClient = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var context = new Context(session, bareSession, httpClient, url, new Uri(url));

        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"### Allocation by experiment: {url}, one connection\n\n");
        report.Append("| form | variant | B/req | sampled types (share of bytes) |\n| --- | --- | ---: | --- |\n");
        foreach (bool async in new[] { false, true })
        {
            foreach ((Variant variant, string description) in Variants)
            {
                // First an exact count with no listener attached, then a sampled run for the type names.
                double perRequest = Measure(context, variant, async, warmup, duration, null);
                Measure(context, variant, async, TimeSpan.Zero, duration, sampler);
                string types = string.Join(", ", sampler.Shares().Take(8).Select(t => FormattableString.Invariant($"{Short(t.Type)} {t.Share:P0}")));
                string line = FormattableString.Invariant($"| {(async ? "async" : "sync")} | {description} | {perRequest:F0} | {types} |");
                report.Append(line).Append('\n');
                Console.Error.WriteLine(line);
            }
        }

        Console.WriteLine(report.ToString());
        return 0;
    }

    private static double Measure(Context context, Variant variant, bool async, TimeSpan warmup, TimeSpan duration, AllocationSampler? sampler)
    {
        var window = new LoadWindow();
        var worker = new Worker(1);
        var thread = new Thread(() =>
        {
            if (async)
            {
                Task.Run(() => LoopAsync(context, variant, worker, window)).GetAwaiter().GetResult();
            }
            else
            {
                Loop(context, variant, worker, window);
            }
        });
        thread.Start();
        Thread.Sleep(warmup);
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        sampler?.Start();
        window.BeginMeasuring();
        Thread.Sleep(duration);
        window.Stop();
        sampler?.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        thread.Join();
        if (worker.Errors > 0)
        {
            throw new InvalidOperationException($"{variant}: {worker.FirstError}");
        }

        return (double)allocated / worker.Completed;
    }

    private static void Loop(Context c, Variant variant, Worker worker, LoadWindow window)
    {
        var get = new Request(HttpMethods.Get, c.Uri);
        var head = new Request(HttpMethods.Head, c.Uri);
        var streamed = new Request(HttpMethods.Get, c.Uri) { StreamResponse = true };
        var buffer = new byte[256];
        while (window.Running && !worker.GaveUp)
        {
            long start = Stopwatch.GetTimestamp();
            bool ok;
            switch (variant)
            {
                case Variant.GetString: { using Response r = c.Session.Get(c.Url); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.RequestFromUri: { using Response r = c.Session.Send(new Request(HttpMethods.Get, c.Uri)); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.ReusedRequest: { using Response r = c.Session.Send(get); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.ReusedNoUserAgent: { using Response r = c.BareSession.Send(get); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.ReusedHead: { using Response r = c.Session.Send(head); ok = r.StatusCode == 200; break; }
                case Variant.ReusedStreamed:
                    {
                        using Response r = c.Session.Send(streamed);
                        long length = 0;
                        foreach (ReadOnlyMemory<byte> chunk in r.ReadChunks())
                        {
                            length += chunk.Length;
                        }

                        ok = length > 0;
                        break;
                    }

                default:
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, c.Url);
                        using HttpResponseMessage r = c.HttpClient.Send(request);
                        using System.IO.Stream body = r.Content.ReadAsStream();
                        ok = body.Read(buffer) > 0;
                        break;
                    }
            }

            worker.Complete(window, start, ok);
        }
    }

    private static async Task LoopAsync(Context c, Variant variant, Worker worker, LoadWindow window)
    {
        var get = new Request(HttpMethods.Get, c.Uri);
        var head = new Request(HttpMethods.Head, c.Uri);
        var streamed = new Request(HttpMethods.Get, c.Uri) { StreamResponse = true };
        while (window.Running && !worker.GaveUp)
        {
            long start = Stopwatch.GetTimestamp();
            bool ok;
            switch (variant)
            {
                case Variant.GetString: { using Response r = await c.Session.GetAsync(c.Url); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.RequestFromUri: { using Response r = await c.Session.SendAsync(new Request(HttpMethods.Get, c.Uri)); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.ReusedRequest: { using Response r = await c.Session.SendAsync(get); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.ReusedNoUserAgent: { using Response r = await c.BareSession.SendAsync(get); ok = r.ReadAsBytes().Length > 0; break; }
                case Variant.ReusedHead: { using Response r = await c.Session.SendAsync(head); ok = r.StatusCode == 200; break; }
                case Variant.ReusedStreamed:
                    {
                        using Response r = await c.Session.SendAsync(streamed);
                        long length = 0;
                        await foreach (ReadOnlyMemory<byte> chunk in r.ReadChunksAsync())
                        {
                            length += chunk.Length;
                        }

                        ok = length > 0;
                        break;
                    }

                default:
                    {
                        using HttpResponseMessage r = await c.HttpClient.GetAsync(c.Url);
                        ok = (await r.Content.ReadAsByteArrayAsync()).Length > 0;
                        break;
                    }
            }

            worker.Complete(window, start, ok);
        }
    }

    // Namespaces say little next to the type name; state-machine boxes keep their method name, which says the most.
    private static string Short(string type)
    {
        foreach (string prefix in (string[])["System.Runtime.CompilerServices.", "System.Threading.Tasks.", "System.Threading.", "System.Net.Http.", "System.Net.Sockets.", "System.Collections.Generic.", "System.", "Reqivo."])
        {
            type = type.Replace(prefix, string.Empty, StringComparison.Ordinal);
        }

        return type.Replace("|", "/", StringComparison.Ordinal);
    }

    private sealed record Context(Session Session, Session BareSession, HttpClient HttpClient, string Url, Uri Uri);
}
