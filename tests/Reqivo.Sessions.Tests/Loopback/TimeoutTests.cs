using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Pooling;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// Each time limit raises its own exception, all deriving from <see cref="ReqivoTimeoutException"/>, and leaves the
/// pool clean: the timed-out connection is closed, never pooled, and the next request gets a new one.
/// </summary>
public sealed class TimeoutTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private static readonly TimeSpan ShortRead = TimeSpan.FromMilliseconds(300);

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task A_server_that_does_not_answer_in_time_raises_ReadTimeoutException(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host, new Timeouts { Read = ShortRead });

        ReadTimeoutException error = await Assert.ThrowsAsync<ReadTimeoutException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/delay/5000"), async));

        PoolAssert.IsTimeout(error, ShortRead);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal(host.Url("/delay/5000").AbsoluteUri, error.RequestUrl);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_gap_in_the_body_longer_than_the_read_timeout_raises_ReadTimeoutException(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        // The head comes at once; the first body byte only after 5 s. The read timeout is generous for the head.
        var read = TimeSpan.FromSeconds(1);
        using Session session = LoopbackSessions.For(host, new Timeouts { Read = read });

        ReadTimeoutException error = await Assert.ThrowsAsync<ReadTimeoutException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/slow-body/3?gapMs=5000"), async));

        PoolAssert.IsTimeout(error, read);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task A_streamed_body_that_stalls_raises_ReadTimeoutException_mid_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var read = TimeSpan.FromSeconds(1);
        using Session session = LoopbackSessions.For(host, new Timeouts { Read = read });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/slow-body/3?gapMs=5000") { StreamResponse = true }, async);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, session.GetPoolStatistics().Active);

        ReadTimeoutException error = await Assert.ThrowsAsync<ReadTimeoutException>(() => response.ReadAsBytesAsync(async));

        PoolAssert.IsTimeout(error, read);
        // The failed read released the connection (closed) before the response was disposed.
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task A_body_that_trickles_past_the_total_timeout_raises_TotalTimeoutException(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var total = TimeSpan.FromMilliseconds(700);
        // Each byte comes well within the read timeout; only the whole exchange is too slow.
        using Session session = LoopbackSessions.For(host, new Timeouts { Read = TimeSpan.FromSeconds(5), Total = total });

        TotalTimeoutException error = await Assert.ThrowsAsync<TotalTimeoutException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/slow-body/100?gapMs=50"), async));

        PoolAssert.IsTimeout(error, total);
        Assert.Equal("GET", error.RequestMethod);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_per_request_total_timeout_overrides_the_session(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var total = TimeSpan.FromMilliseconds(300);
        var request = new Request(HttpMethods.Get, "/delay/5000") { Timeouts = new Timeouts { Total = total } };

        TotalTimeoutException error = await Assert.ThrowsAsync<TotalTimeoutException>(() => session.SendAsync(request, async));

        PoolAssert.IsTimeout(error, total);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Waiting_for_a_busy_pool_raises_PoolTimeoutException(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host, pool: new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        var poolTimeout = TimeSpan.FromMilliseconds(200);

        Response held = await session.SendAsync(new Request(HttpMethods.Get, "/bytes/10000000") { StreamResponse = true }, async);
        PoolTimeoutException error;
        try
        {
            var second = new Request(HttpMethods.Get, "/hello") { Timeouts = new Timeouts { Pool = poolTimeout } };
            error = await Assert.ThrowsAsync<PoolTimeoutException>(() => session.SendAsync(second, async));

            // The waiter gave up without a trace; the held response still owns the only connection.
            Pooling.PoolStatistics statistics = session.GetPoolStatistics();
            Assert.Equal(1, statistics.Active);
            Assert.Equal(0, statistics.Waiting);
            Assert.Equal(1, counts.NewConnections);
        }
        finally
        {
            held.Dispose();
        }

        PoolAssert.IsTimeout(error, poolTimeout);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Cancelling_a_request_in_flight_raises_OperationCanceledException(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        // The read timeout bounds the test should cancellation be ignored; it must not be what ends the request.
        using Session session = LoopbackSessions.For(host, new Timeouts { Read = TimeSpan.FromSeconds(2) });
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/delay/10000"), async, cancellation.Token));

        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_already_cancelled_token_sends_nothing(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/hello"), async, cancellation.Token));

        Assert.Equal(0, counts.NewRequests);
        PoolAssert.Settled(session, idle: 0);
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: true);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Cancelling_a_wait_for_a_busy_pool_raises_OperationCanceledException(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host, pool: new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        using var cancellation = new CancellationTokenSource();

        using (Response held = await session.SendAsync(new Request(HttpMethods.Get, "/bytes/10000000") { StreamResponse = true }, async))
        {
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => session.SendAsync(new Request(HttpMethods.Get, "/hello"), async, cancellation.Token));

            Pooling.PoolStatistics statistics = session.GetPoolStatistics();
            Assert.Equal(1, statistics.Active);
            Assert.Equal(0, statistics.Waiting);
            Assert.Equal(1, counts.NewConnections);
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }
}
