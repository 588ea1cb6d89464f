using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Pooling;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// Streamed responses (<see cref="Request.StreamResponse"/>): the body is pulled block by block or line by line, and
/// the connection goes back to the pool only once the body has been read to its end, or is closed on an early dispose.
/// </summary>
public sealed class StreamingTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Chunks_arrive_in_order_and_the_connection_returns_after_the_last(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        var received = new MemoryStream();
        var activeWhileStreaming = new List<int>();

        using (Response response = await session.SendAsync(Streamed("/chunked/200000?chunk=3000"), async))
        {
            Assert.False(response.IsBuffered);
            Assert.Equal(1, session.GetPoolStatistics().Active);
            await ForEachChunkAsync(response, async, block =>
            {
                received.Write(block.Span);
                activeWhileStreaming.Add(session.GetPoolStatistics().Active);
            });

            // Read to the end: the connection is back in the pool before the response is disposed.
            PoolAssert.Settled(session, idle: 1);
        }

        Assert.Equal(200_000, received.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(received.ToArray()));
        Assert.NotEmpty(activeWhileStreaming);
        Assert.All(activeWhileStreaming, active => Assert.Equal(1, active));
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Lines_are_split_across_block_boundaries(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);
        var lines = new List<string>();

        using (Response response = await session.SendAsync(Streamed("/stream/300"), async))
        {
            if (async)
            {
                await foreach (string line in response.ReadLinesAsync())
                {
                    lines.Add(line);
                }
            }
            else
            {
                lines.AddRange(response.ReadLines());
            }
        }

        Assert.Equal(300, lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            Assert.Equal($"{{\"id\":{i}}}", lines[i]);
        }

        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Disposing_a_half_read_large_body_closes_the_connection(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using (Response response = await session.SendAsync(Streamed("/bytes/20000000"), async))
        {
            int blocks = 0;
            await ForEachChunkAsync(response, async, _ => blocks++, stopAfter: 3);
            Assert.Equal(3, blocks);
            Assert.Equal(1, session.GetPoolStatistics().Active);
        }

        // Most of the 20 MB is still on the wire: draining it would cost more than a new connection.
        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(1, statistics.ConnectionsDisposed);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Disposing_an_unread_body_that_is_already_buffered_keeps_the_connection(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        // Kestrel writes a small fixed-length response (head and body) in one send, so the whole body arrives
        // with the head and is in the receive buffer when the response is returned.
        using (Response response = await session.SendAsync(Streamed("/hello"), async))
        {
            Assert.False(response.IsBuffered);
            Assert.Equal(1, session.GetPoolStatistics().Active);
        }

        Assert.Equal(0, session.GetPoolStatistics().ConnectionsDisposed);
        PoolAssert.Settled(session, idle: 1);
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_streamed_body_can_be_read_once(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(Streamed("/bytes/5000"), async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.Equal(5000, body.Length);
        await Assert.ThrowsAsync<InvalidOperationException>(() => response.ReadAsBytesAsync(async));
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_buffered_body_is_also_readable_as_chunks_and_lines(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/stream/3"), async);
        var received = new MemoryStream();
        await ForEachChunkAsync(response, async, block => received.Write(block.Span));
        var lines = new List<string>(response.ReadLines());

        Assert.True(response.IsBuffered);
        Assert.Equal("{\"id\":0}\n{\"id\":1}\n{\"id\":2}\n", System.Text.Encoding.UTF8.GetString(received.ToArray()));
        Assert.Equal(["{\"id\":0}", "{\"id\":1}", "{\"id\":2}"], lines);
    }

    private static Request Streamed(string url) => new(HttpMethods.Get, url) { StreamResponse = true };

    /// <summary>Enumerates ReadChunks or ReadChunksAsync, optionally stopping after some blocks (the rest unread).</summary>
    private static async Task ForEachChunkAsync(Response response, bool async, Action<ReadOnlyMemory<byte>> onBlock, int stopAfter = int.MaxValue)
    {
        int seen = 0;
        if (async)
        {
            await foreach (ReadOnlyMemory<byte> block in response.ReadChunksAsync())
            {
                onBlock(block);
                if (++seen == stopAfter)
                {
                    return;
                }
            }
        }
        else
        {
            foreach (ReadOnlyMemory<byte> block in response.ReadChunks())
            {
                onBlock(block);
                if (++seen == stopAfter)
                {
                    return;
                }
            }
        }
    }
}
