// The Reqivo demo: one Session against an embedded Kestrel server on 127.0.0.1, showing a GET, a JSON POST,
// a streamed download (async and sync) and connection reuse. Run it with ./build.sh demo or dotnet run.
using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Demo;
using Reqivo.Pooling;
using Reqivo.Protocol;

try
{
    await using DemoServer server = await DemoServer.StartAsync();
    Console.WriteLine($"Embedded server listening on {server.BaseAddress}");

    await using var session = new Session(new SessionOptions { BaseAddress = server.BaseAddress, UserAgent = "reqivo-demo" });

    Section("1. GET /hello");
    using (Response hello = await session.GetAsync("/hello"))
    {
        hello.EnsureSuccess();
        Console.WriteLine($"HTTP/{hello.Version} {hello.StatusCode} {hello.ReasonPhrase}");
        foreach (HttpField field in hello.Headers)
        {
            Console.WriteLine($"  {field.Name}: {field.Value}");
        }

        Console.WriteLine($"body: {hello.ReadAsString()}");
    }

    Section("2. POST /orders (JSON, source-generated serializer)");
    var order = new Order("KB-42", Quantity: 3, UnitPrice: 19.90m);
    using (Response posted = await session.PostAsync("/orders", RequestBody.FromJson(order, DemoJson.Default.Order)))
    {
        posted.EnsureSuccess();
        Receipt? receipt = posted.ReadFromJson(DemoJson.Default.Receipt);
        Console.WriteLine($"sent     {order}");
        Console.WriteLine($"received {posted.StatusCode} {receipt}");
        Check(receipt is { Total: 59.70m }, $"expected a receipt totalling 59.70, got {receipt}");
    }

    Section("3. Streaming download, async (StreamResponse + ReadChunksAsync)");
    var stopwatch = Stopwatch.StartNew();
    long received = 0;
    await using (Response download = await session.SendAsync(new Request(HttpMethods.Get, "/download") { StreamResponse = true }))
    {
        download.EnsureSuccess();
        await foreach (ReadOnlyMemory<byte> chunk in download.ReadChunksAsync())
        {
            received += chunk.Length;
        }
    }

    Report(received, stopwatch.Elapsed);

    Section("4. The same download, sync (blocking sockets, no thread-pool thread needed)");
    stopwatch.Restart();
    received = 0;
    using (Response download = session.Send(new Request(HttpMethods.Get, "/download") { StreamResponse = true }))
    {
        download.EnsureSuccess();
        foreach (ReadOnlyMemory<byte> chunk in download.ReadChunks())
        {
            received += chunk.Length;
        }
    }

    Report(received, stopwatch.Elapsed);

    Section("5. Keep-alive: 200 sequential requests on the pool");
    const int Requests = 200;
    PoolStatistics before = session.GetPoolStatistics();
    for (int i = 0; i < Requests; i++)
    {
        // Half sync, half async: both forms share the same pooled connections.
        using Response small = i % 2 == 0 ? session.Get("/small") : await session.GetAsync("/small");
        small.EnsureSuccess();
    }

    PoolStatistics after = session.GetPoolStatistics();
    long created = after.ConnectionsCreated - before.ConnectionsCreated;
    long reused = after.ConnectionsReused - before.ConnectionsReused;
    Console.WriteLine($"{Requests} requests: {created} new connection(s), {reused} reuse(s)");
    Console.WriteLine($"whole demo: {after.ConnectionsCreated} connection(s) created, {after.ConnectionsReused} reused, {after.Idle} idle now");
    Check(created + reused == Requests && created <= 1, "expected every request but at most one to reuse a pooled connection");

    Console.WriteLine();
    Console.WriteLine("Demo finished: all checks passed.");
    return 0;
}
catch (Exception error)
{
    Console.Error.WriteLine();
    // ReqivoException subclasses name what went wrong (ConnectException, ReadTimeoutException, ...).
    Console.Error.WriteLine($"Demo failed: {error.GetType().Name}: {error.Message}");
    return 1;
}

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
}

static void Report(long bytes, TimeSpan elapsed)
{
    Check(bytes == DemoServer.DownloadBytes, $"expected {DemoServer.DownloadBytes} bytes, got {bytes}");
    Console.WriteLine($"{bytes:N0} bytes in {elapsed.TotalMilliseconds:F0} ms: {bytes / 1e6 / elapsed.TotalSeconds:F0} MB/s");
}

static void Check(bool condition, string failure)
{
    if (!condition)
    {
        throw new DemoCheckException(failure);
    }
}

internal sealed class DemoCheckException(string message) : Exception(message);
