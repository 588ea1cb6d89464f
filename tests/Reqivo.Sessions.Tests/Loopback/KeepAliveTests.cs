using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Pooling;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Connection reuse (RFC 9112 §9.3), Connection: close, and the per-origin limit under many concurrent requests.</summary>
public sealed class KeepAliveTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Sequential_requests_reuse_one_connection(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);

        for (int i = 0; i < 20; i++)
        {
            using Response response = await session.SendAsync(new Request(HttpMethods.Get, i % 2 == 0 ? "/hello" : "/chunked/5000"), async);
            Assert.Equal(200, response.StatusCode);
        }

        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(1, statistics.ConnectionsCreated);
        Assert.Equal(19, statistics.ConnectionsReused);
        Assert.Equal(1, counts.NewConnections);
        Assert.Equal(20, counts.NewRequests);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Connection_close_from_the_server_is_honoured(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/close"), async))
        {
            Assert.Equal("close", response.Headers.GetCombinedValue("Connection"));
            Assert.Equal("close", await response.ReadAsStringAsync(async));
        }

        // RFC 9112 §9.6: after "close" the client must not send another request on that connection.
        Assert.Equal(1, session.GetPoolStatistics().ConnectionsDisposed);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Connection_close_from_the_request_is_honoured(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var request = new Request(HttpMethods.Get, "/hello");
        request.Headers.Add("Connection", "close");

        using (Response response = await session.SendAsync(request, async))
        {
            Assert.Equal("hello", await response.ReadAsStringAsync(async));
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Fact]
    public async Task A_thousand_concurrent_async_requests_share_four_connections()
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host, pool: new ConnectionPoolOptions { MaxConnectionsPerOrigin = 4 });

        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
        {
            await Task.Yield();
            using Response response = await session.GetAsync("/hello");
            return response.StatusCode == 200 ? await response.ReadAsStringAsync() : $"status {response.StatusCode}";
        }));

        Assert.All(bodies, body => Assert.Equal("hello", body));
        Assert.InRange(counts.NewConnections, 1, 4);
        Assert.Equal(1000, counts.NewRequests);
        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(0, statistics.Active);
        Assert.Equal(0, statistics.Waiting);
        Assert.InRange(statistics.Idle, 1, 4);
        Assert.Equal(1000, statistics.ConnectionsCreated + statistics.ConnectionsReused);
    }

    [Fact]
    public async Task Many_threads_of_sync_requests_share_four_connections()
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host, pool: new ConnectionPoolOptions { MaxConnectionsPerOrigin = 4 });
        const int ThreadCount = 16;
        const int RequestsPerThread = 25;
        int succeeded = 0;
        Exception? failure = null;

        Thread[] threads = Enumerable.Range(0, ThreadCount).Select(_ => new Thread(() =>
        {
            try
            {
                for (int i = 0; i < RequestsPerThread; i++)
                {
                    using Response response = session.Get("/hello");
                    if (response.ReadAsString() == "hello")
                    {
                        Interlocked.Increment(ref succeeded);
                    }
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })
        { IsBackground = true }).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "A sync request thread did not finish.");
        }

        Assert.Null(failure);
        Assert.Equal(ThreadCount * RequestsPerThread, succeeded);
        Assert.InRange(counts.NewConnections, 1, 4);
        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(0, statistics.Active);
        Assert.Equal(0, statistics.Waiting);
    }
}
