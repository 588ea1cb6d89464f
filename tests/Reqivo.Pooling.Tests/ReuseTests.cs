using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

/// <summary>Which connection a renter gets: LIFO reuse, keys, liveness.</summary>
public abstract class ReuseTests : PoolTestBase
{
    [Fact]
    public async Task First_rent_creates_and_a_returned_connection_is_reused()
    {
        using var pool = CreatePool();

        PoolLease<FakeConnection> first = await RentAsync(pool, A);
        Assert.False(first.IsReused);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());

        pool.Return(first.Connection, reusable: true);
        Assert.Equal(Line(A, active: 0, idle: 1, waiting: 0), pool.ToString());

        PoolLease<FakeConnection> second = await RentAsync(pool, A);
        Assert.True(second.IsReused);
        Assert.Same(first.Connection, second.Connection);
        Assert.Equal(1, second.Connection.IsAliveCalls);

        PoolStatistics statistics = pool.GetStatistics();
        Assert.Equal((1, 0, 0, 0), (statistics.Active, statistics.Idle, statistics.Waiting, statistics.Connecting));
        Assert.Equal((1L, 1L, 0L), (statistics.ConnectionsCreated, statistics.ConnectionsReused, statistics.ConnectionsDisposed));
        Assert.Equal(1, Factory.Calls);
    }

    [Fact]
    public async Task Idle_connections_are_reused_most_recently_returned_first()
    {
        using var pool = CreatePool();
        FakeConnection c1 = (await RentAsync(pool, A)).Connection;
        FakeConnection c2 = (await RentAsync(pool, A)).Connection;
        FakeConnection c3 = (await RentAsync(pool, A)).Connection;
        pool.Return(c1, reusable: true);
        pool.Return(c2, reusable: true);
        pool.Return(c3, reusable: true);

        Assert.Same(c3, (await RentAsync(pool, A)).Connection);
        Assert.Same(c2, (await RentAsync(pool, A)).Connection);
        Assert.Same(c1, (await RentAsync(pool, A)).Connection);
        Assert.Equal(3, Factory.Calls);
    }

    [Fact]
    public async Task Connections_are_only_reused_for_their_own_origin()
    {
        using var pool = CreatePool();
        FakeConnection a = (await RentAsync(pool, A)).Connection;
        pool.Return(a, reusable: true);

        PoolLease<FakeConnection> b = await RentAsync(pool, B);

        Assert.False(b.IsReused);
        Assert.NotSame(a, b.Connection);
        Assert.Equal(B, b.Connection.Key);
        Assert.Equal(Line(A, 0, 1, 0) + "\n" + Line(B, 1, 0, 0), pool.ToString());
    }

    [Fact]
    public async Task Transport_identity_separates_keys_of_the_same_origin()
    {
        using var pool = CreatePool();
        var plain = new PoolKey("https", "a.example", 443, "tcp");
        pool.Return((await RentAsync(pool, plain)).Connection, reusable: true);

        PoolLease<FakeConnection> tls = await RentAsync(pool, A);

        Assert.False(tls.IsReused);
        Assert.Equal(2, pool.GetStatistics().Origins.Count);
        Assert.Equal(1, pool.GetStatistics().Origins[plain].Idle);
    }

    [Fact]
    public async Task Keys_differing_only_in_the_case_of_scheme_and_host_share_connections()
    {
        using var pool = CreatePool();
        FakeConnection first = (await RentAsync(pool, A)).Connection;
        pool.Return(first, reusable: true);

        PoolLease<FakeConnection> second = await RentAsync(pool, new PoolKey("HTTPS", "A.Example", 443, "tls(tcp)"));

        Assert.True(second.IsReused);
        Assert.Same(first, second.Connection);
    }

    [Fact]
    public async Task Dead_idle_connection_is_disposed_and_the_next_idle_one_is_reused()
    {
        using var pool = CreatePool();
        FakeConnection c1 = (await RentAsync(pool, A)).Connection;
        FakeConnection c2 = (await RentAsync(pool, A)).Connection;
        pool.Return(c1, reusable: true);
        pool.Return(c2, reusable: true);
        c2.Alive = false;

        PoolLease<FakeConnection> lease = await RentAsync(pool, A);

        Assert.Same(c1, lease.Connection);
        Assert.True(lease.IsReused);
        Assert.True(c2.IsDisposed);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());
        Assert.Equal(1L, pool.GetStatistics().ConnectionsDisposed);
    }

    [Fact]
    public async Task When_no_idle_connection_is_alive_a_new_one_is_created()
    {
        using var pool = CreatePool();
        FakeConnection dead = (await RentAsync(pool, A)).Connection;
        pool.Return(dead, reusable: true);
        dead.Alive = false;

        PoolLease<FakeConnection> lease = await RentAsync(pool, A);

        Assert.False(lease.IsReused);
        Assert.NotSame(dead, lease.Connection);
        Assert.Equal(1, dead.DisposeCount);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());
        Assert.Equal(1, Factory.Open);
    }

    [Fact]
    public async Task Idle_timeout_expires_a_connection_before_reuse_without_asking_it()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { IdleTimeout = TimeSpan.FromSeconds(30), SweepInterval = Timeout.InfiniteTimeSpan });
        FakeConnection kept = (await RentAsync(pool, A)).Connection;
        pool.Return(kept, reusable: true);
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Same(kept, (await RentAsync(pool, A)).Connection);
        pool.Return(kept, reusable: true);

        Time.Advance(TimeSpan.FromSeconds(30));
        PoolLease<FakeConnection> lease = await RentAsync(pool, A);

        Assert.False(lease.IsReused);
        Assert.True(kept.IsDisposed);
        Assert.Equal(1, kept.IsAliveCalls);
    }

    [Fact]
    public async Task Max_lifetime_expires_an_idle_connection_before_reuse()
    {
        using var pool = CreatePool(new ConnectionPoolOptions
        {
            IdleTimeout = Timeout.InfiniteTimeSpan,
            MaxLifetime = TimeSpan.FromSeconds(60),
            SweepInterval = Timeout.InfiniteTimeSpan,
        });
        FakeConnection old = (await RentAsync(pool, A)).Connection;
        Time.Advance(TimeSpan.FromSeconds(50));
        pool.Return(old, reusable: true);
        Assert.Equal(Line(A, active: 0, idle: 1, waiting: 0), pool.ToString());

        Time.Advance(TimeSpan.FromSeconds(10));
        PoolLease<FakeConnection> lease = await RentAsync(pool, A);

        Assert.False(lease.IsReused);
        Assert.True(old.IsDisposed);
    }

    [Fact]
    public async Task Connection_past_its_max_lifetime_is_disposed_when_returned()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxLifetime = TimeSpan.FromSeconds(60), SweepInterval = Timeout.InfiniteTimeSpan });
        FakeConnection old = (await RentAsync(pool, A)).Connection;
        Time.Advance(TimeSpan.FromSeconds(60));

        pool.Return(old, reusable: true);

        Assert.True(old.IsDisposed);
        Assert.Empty(pool.ToString());
    }

    [Fact]
    public async Task Sweep_disposes_expired_idle_connections_in_the_background()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { IdleTimeout = TimeSpan.FromSeconds(30), SweepInterval = TimeSpan.FromSeconds(10) });
        FakeConnection early = (await RentAsync(pool, A)).Connection;
        FakeConnection late = (await RentAsync(pool, B)).Connection;
        pool.Return(early, reusable: true);
        Time.Advance(TimeSpan.FromSeconds(20));
        pool.Return(late, reusable: true);

        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(early.IsDisposed);
        Assert.False(late.IsDisposed);
        Assert.Equal(Line(B, active: 0, idle: 1, waiting: 0), pool.ToString());

        Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(late.IsDisposed);
        Assert.Empty(pool.ToString());
        Assert.Equal(2L, pool.GetStatistics().ConnectionsDisposed);
        Assert.Equal(0, early.IsAliveCalls + late.IsAliveCalls);
    }

    [Fact]
    public void No_sweep_timer_runs_when_nothing_can_expire()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { IdleTimeout = Timeout.InfiniteTimeSpan, MaxLifetime = Timeout.InfiniteTimeSpan });

        Assert.Equal(0, Time.ActiveTimers);
    }
}

public sealed class SyncReuseTests : ReuseTests
{
    protected override bool TestAsync => false;
}

public sealed class AsyncReuseTests : ReuseTests
{
    protected override bool TestAsync => true;
}
