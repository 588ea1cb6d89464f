using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Responses without a body (HEAD, 204, 304) and chunked responses with a trailer section.</summary>
public sealed class NoBodyAndTrailerTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Trailers_are_available_after_a_buffered_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/trailers"), async);

        Assert.Equal("abc", await response.ReadAsStringAsync(async));
        Assert.NotNull(response.Trailers);
        Assert.Equal("123", response.Trailers.GetCombinedValue("X-Checksum"));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Trailers_of_a_streamed_body_appear_once_it_was_read(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/trailers") { StreamResponse = true }, async);
        Assert.Null(response.Trailers);
        string body = await response.ReadAsStringAsync(async);

        Assert.Equal("abc", body);
        Assert.Equal("123", response.Trailers?.GetCombinedValue("X-Checksum"));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Head_of_a_large_resource_returns_at_once_and_reuses_the_connection(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        // Even streamed, a HEAD response has no body to wait for: the connection is pooled before Send returns.
        using Response response = await session.SendAsync(new Request(HttpMethods.Head, "/bytes/50000000") { StreamResponse = true }, async);

        Assert.Equal("50000000", response.Headers.GetCombinedValue("Content-Length"));
        PoolAssert.Settled(session, idle: 1);
        Assert.Empty(await response.ReadAsBytesAsync(async));
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Status_204_and_304_have_no_body_and_reuse_the_connection(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);

        foreach (int status in new[] { 204, 304, 204 })
        {
            using Response response = await session.SendAsync(new Request(HttpMethods.Get, $"/status/{status}") { StreamResponse = true }, async);
            Assert.Equal(status, response.StatusCode);
            PoolAssert.Settled(session, idle: 1);
            Assert.Empty(await response.ReadAsBytesAsync(async));
        }

        Assert.Equal(1, counts.NewConnections);
        Assert.Equal(2, session.GetPoolStatistics().ConnectionsReused);
    }
}
