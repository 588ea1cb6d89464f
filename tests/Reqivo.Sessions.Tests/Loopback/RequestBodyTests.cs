using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Every kind of request body, with the framing it must get (Content-Length when known, chunked otherwise), echoed by Kestrel.</summary>
public sealed class RequestBodyTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private const int LargeBodyLength = 5 * 1024 * 1024;

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Bytes_are_sent_with_content_length(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        Echo echo = await EchoAsync(session, RequestBody.FromBytes(TestPayload.Create(1000)), async);

        Assert.Equal("1000", echo.DeclaredLength);
        Assert.Equal("none", echo.TransferEncoding);
        Assert.Equal("application/octet-stream", echo.ContentType);
        AssertPattern(echo.Body, 1000);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task String_is_sent_as_utf8_text(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        Echo echo = await EchoAsync(session, RequestBody.FromString("héllo wörld"), async);

        Assert.Equal("13", echo.DeclaredLength);
        Assert.Equal("text/plain; charset=utf-8", echo.ContentType);
        Assert.Equal("héllo wörld", echo.Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Seekable_stream_is_sent_with_its_remaining_length(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        using var stream = new MemoryStream(TestPayload.Create(50_000));
        stream.Position = 10_000;

        Echo echo = await EchoAsync(session, RequestBody.FromStream(stream), async);

        Assert.Equal("40000", echo.DeclaredLength);
        Assert.Equal(40_000, echo.Body.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(echo.Body, 10_000));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Stream_without_a_length_is_sent_chunked(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        using var stream = new NonSeekableStream(TestPayload.Create(70_000));

        Echo echo = await EchoAsync(session, RequestBody.FromStream(stream), async);

        Assert.Equal("chunked", echo.DeclaredLength);
        Assert.Equal("chunked", echo.TransferEncoding);
        AssertPattern(echo.Body, 70_000);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Stream_with_a_given_length_is_sent_with_content_length(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        using var stream = new NonSeekableStream(TestPayload.Create(30_000));

        Echo echo = await EchoAsync(session, RequestBody.FromStream(stream, length: 30_000), async);

        Assert.Equal("30000", echo.DeclaredLength);
        Assert.Equal("none", echo.TransferEncoding);
        AssertPattern(echo.Body, 30_000);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Chunks_are_sent_chunked(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        byte[] payload = TestPayload.Create(40_000);

        // Chunk sizes around the 16 KiB write-coalescing limit, and an empty chunk that must not end the body early.
        Echo echo = await EchoAsync(session, RequestBody.FromChunks(Slices(payload, 1, 16_383, 0, 16_385, 7_231)), async);

        Assert.Equal("chunked", echo.DeclaredLength);
        Assert.Equal("chunked", echo.TransferEncoding);
        AssertPattern(echo.Body, 40_000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Async_chunks_are_sent_chunked_by_the_async_api(bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        byte[] payload = TestPayload.Create(25_000);

        Echo echo = await EchoAsync(session, RequestBody.FromAsyncChunks(SlicesAsync(payload, 10_000, 0, 15_000)), async: true);

        Assert.Equal("chunked", echo.DeclaredLength);
        AssertPattern(echo.Body, 25_000);
    }

    [Fact]
    public async Task Async_chunks_are_refused_by_the_sync_api_before_any_connection()
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);
        int enumerated = 0;
        RequestBody body = RequestBody.FromAsyncChunks(CountingAsync(() => enumerated++));

        Assert.Throws<InvalidOperationException>(() => session.Post("/echo", body));
        Assert.Throws<InvalidOperationException>(() => session.Send(new Request(HttpMethods.Put, "/echo") { Body = body }));

        Assert.Equal(0, enumerated);
        Assert.Equal(0, counts.NewConnections);
        Assert.Equal(0, session.GetPoolStatistics().ConnectionsCreated);
        PoolAssert.Settled(session, idle: 0);
        await PoolAssert.NextRequestSucceedsAsync(session, host, async: false, onNewConnection: true);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Large_body_is_echoed_whole(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);
        byte[] payload = TestPayload.Create(LargeBodyLength);

        Echo sized = await EchoAsync(session, RequestBody.FromBytes(payload), async);
        using var stream = new NonSeekableStream(payload);
        Echo chunked = await EchoAsync(session, RequestBody.FromStream(stream), async);

        Assert.Equal("5242880", sized.DeclaredLength);
        AssertPattern(sized.Body, LargeBodyLength);
        Assert.Equal("chunked", chunked.DeclaredLength);
        AssertPattern(chunked.Body, LargeBodyLength);
        Assert.Equal(1, counts.NewConnections);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Expect_100_continue_sends_the_body_after_the_interim_response(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        var request = new Request(HttpMethods.Post, "/expect")
        {
            Body = RequestBody.FromBytes(TestPayload.Create(100_000)),
            ExpectContinue = true,
        };

        using Response response = await session.SendAsync(request, async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("100000", await response.ReadAsStringAsync(async));
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }

    private static async Task<Echo> EchoAsync(Session session, RequestBody body, bool async)
    {
        using Response response = await session.SendAsync(new Request(HttpMethods.Post, "/echo") { Body = body }, async);
        Assert.Equal(200, response.StatusCode);
        byte[] bytes = await response.ReadAsBytesAsync(async);
        PoolAssert.Settled(session, idle: 1);
        return new Echo(
            response.Headers.GetCombinedValue("X-Request-Length"),
            response.Headers.GetCombinedValue("X-Request-Transfer-Encoding"),
            response.Headers.GetCombinedValue("Content-Type"),
            bytes,
            response.ReadAsString());
    }

    private static void AssertPattern(byte[] body, int length)
    {
        Assert.Equal(length, body.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(body));
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Slices(byte[] payload, params int[] sizes)
    {
        int offset = 0;
        foreach (int size in sizes)
        {
            yield return payload.AsMemory(offset, size);
            offset += size;
        }

        Assert.Equal(payload.Length, offset);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> SlicesAsync(byte[] payload, params int[] sizes)
    {
        foreach (ReadOnlyMemory<byte> slice in Slices(payload, sizes))
        {
            await Task.Yield();
            yield return slice;
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> CountingAsync(Action onEnumerated, [EnumeratorCancellation] System.Threading.CancellationToken cancellationToken = default)
    {
        onEnumerated();
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new byte[] { 1 };
    }

    private sealed record Echo(string? DeclaredLength, string? TransferEncoding, string? ContentType, byte[] Body, string Text);
}
