using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

/// <summary>Factory failures, disposal of the pool, and misuse of Return and Rent.</summary>
public abstract class LifecycleTests : PoolTestBase
{
    [Fact]
    public async Task The_renters_connect_timeout_reaches_the_factory()
    {
        using var pool = CreatePool();
        TimeSpan connectTimeout = TimeSpan.FromSeconds(7);

        PoolLease<FakeConnection> lease = TestAsync
            ? await pool.RentAsync(A, Timeout.InfiniteTimeSpan, connectTimeout, CancellationToken.None)
            : pool.Rent(A, Timeout.InfiniteTimeSpan, connectTimeout, CancellationToken.None);

        Assert.False(lease.IsReused);
        Assert.Equal(connectTimeout, Factory.LastConnectTimeout);
    }

    [Fact]
    public async Task Factory_exception_reaches_the_renter_unchanged_and_frees_the_slot()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        var refused = new IOException("connection refused");
        Factory.FailNext(refused);

        IOException thrown = await Assert.ThrowsAsync<IOException>(() => RentAsync(pool, A));

        Assert.Same(refused, thrown);
        Assert.Empty(pool.ToString());
        PoolLease<FakeConnection> lease = await RentAsync(pool, A, TimeSpan.Zero);
        Assert.False(lease.IsReused);
        Assert.Equal(2, Factory.Calls);
    }

    [Fact]
    public async Task Factory_failure_wakes_a_waiter_which_then_creates_a_connection()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        Factory.CloseGate();
        Task<PoolLease<FakeConnection>> failing = StartRent(pool, A);
        WaitUntil(() => Factory.Calls == 1);
        Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, A);
        Assert.Equal(Line(A, active: 0, idle: 0, waiting: 1) + " connecting=1", pool.ToString());

        var refused = new IOException("connection refused");
        Factory.FailNext(refused);
        Factory.OpenGate();

        Assert.Same(refused, await Assert.ThrowsAsync<IOException>(() => failing.WaitAsync(Patience)));
        PoolLease<FakeConnection> lease = await Served(waiting);
        Assert.False(lease.IsReused);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());
    }

    [Fact]
    public async Task Dispose_closes_idle_connections_fails_waiters_and_closes_later_returns()
    {
        var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        FakeConnection idle = (await RentAsync(pool, A)).Connection;
        pool.Return(idle, reusable: true);
        FakeConnection leased = (await RentAsync(pool, B)).Connection;
        Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, B);

        pool.Dispose();

        Assert.True(idle.IsDisposed);
        Assert.False(leased.IsDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(Line(B, active: 1, idle: 0, waiting: 0), pool.ToString());

        pool.Return(leased, reusable: true);
        Assert.True(leased.IsDisposed);
        Assert.Empty(pool.ToString());
        Assert.Equal(2L, pool.GetStatistics().ConnectionsDisposed);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => RentAsync(pool, A));
        pool.Dispose();
        Assert.Equal(1, idle.DisposeCount);
    }

    [Fact]
    public async Task DisposeAsync_closes_idle_connections()
    {
        var pool = CreatePool();
        FakeConnection idle = (await RentAsync(pool, A)).Connection;
        pool.Return(idle, reusable: true);

        await pool.DisposeAsync();

        Assert.True(idle.IsDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => RentAsync(pool, A));
    }

    [Fact]
    public void Dispose_stops_the_sweep_timer()
    {
        var pool = CreatePool(new ConnectionPoolOptions { SweepInterval = TimeSpan.FromSeconds(10) });
        Assert.Equal(1, Time.ActiveTimers);

        pool.Dispose();

        Assert.Equal(0, Time.ActiveTimers);
    }

    [Fact]
    public async Task Connection_opened_while_the_pool_is_disposed_is_closed()
    {
        var pool = CreatePool();
        Factory.CloseGate();
        Task<PoolLease<FakeConnection>> opening = StartRent(pool, A);
        WaitUntil(() => Factory.Calls == 1);

        pool.Dispose();
        Factory.OpenGate();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => opening.WaitAsync(Patience));
        Assert.True(Assert.Single(Factory.Created).IsDisposed);
        Assert.Empty(pool.ToString());
    }

    [Fact]
    public async Task Returning_a_connection_that_is_not_leased_throws()
    {
        using var pool = CreatePool();
        FakeConnection connection = (await RentAsync(pool, A)).Connection;
        pool.Return(connection, reusable: true);

        Assert.Throws<InvalidOperationException>(() => pool.Return(connection, reusable: true));
        Assert.Throws<InvalidOperationException>(() => pool.Return(new FakeConnection(99, A), reusable: false));
        Assert.Equal(Line(A, active: 0, idle: 1, waiting: 0), pool.ToString());
    }

    [Fact]
    public async Task Rent_rejects_invalid_arguments_before_doing_anything()
    {
        using var pool = CreatePool();

        await Assert.ThrowsAsync<ArgumentException>(() => RentAsync(pool, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RentAsync(pool, A with { Port = 70000 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RentAsync(pool, A, TimeSpan.FromSeconds(-1)));
        Assert.Equal(0, Factory.Calls);
    }
}

public sealed class SyncLifecycleTests : LifecycleTests
{
    protected override bool TestAsync => false;
}

public sealed class AsyncLifecycleTests : LifecycleTests
{
    protected override bool TestAsync => true;
}
