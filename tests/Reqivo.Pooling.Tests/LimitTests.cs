using System;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

/// <summary>Per-origin and total limits, eviction, and the order in which waiters are served.</summary>
public abstract class LimitTests : PoolTestBase
{
    [Fact]
    public async Task Renter_over_the_origin_limit_waits_and_gets_the_returned_connection()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        FakeConnection held = (await RentAsync(pool, A)).Connection;

        Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, A);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 1), pool.ToString());

        pool.Return(held, reusable: true);
        PoolLease<FakeConnection> lease = await Served(waiting);

        Assert.Same(held, lease.Connection);
        Assert.True(lease.IsReused);
        Assert.Equal(1, Factory.Calls);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());
    }

    [Fact]
    public async Task Origin_limit_does_not_hold_back_other_origins()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        await RentAsync(pool, A);

        PoolLease<FakeConnection> other = await RentAsync(pool, B, poolTimeout: TimeSpan.Zero);

        Assert.Equal(B, other.Connection.Key);
    }

    [Fact]
    public async Task Discarded_connection_frees_its_slot_for_a_waiter_which_creates_a_new_one()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        FakeConnection broken = (await RentAsync(pool, A)).Connection;
        Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, A);

        pool.Return(broken, reusable: false);
        PoolLease<FakeConnection> lease = await Served(waiting);

        Assert.True(broken.IsDisposed);
        Assert.False(lease.IsReused);
        Assert.NotSame(broken, lease.Connection);
        Assert.Equal(1, Factory.MaxOpen);
    }

    [Fact]
    public async Task Total_limit_closes_the_least_recently_used_idle_connection_of_another_origin()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsTotal = 2 });
        FakeConnection a1 = (await RentAsync(pool, A)).Connection;
        FakeConnection a2 = (await RentAsync(pool, A)).Connection;
        pool.Return(a1, reusable: true);
        pool.Return(a2, reusable: true);

        PoolLease<FakeConnection> b = await RentAsync(pool, B, poolTimeout: TimeSpan.Zero);

        Assert.False(b.IsReused);
        Assert.True(a1.IsDisposed);
        Assert.False(a2.IsDisposed);
        Assert.Equal(Line(A, 0, 1, 0) + "\n" + Line(B, 1, 0, 0), pool.ToString());
        Assert.Equal(2, Factory.MaxOpen);
    }

    [Fact]
    public async Task Total_limit_waiter_takes_the_slot_of_a_connection_returned_to_another_origin()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsTotal = 1 });
        FakeConnection a = (await RentAsync(pool, A)).Connection;
        Task<PoolLease<FakeConnection>> waitingForB = StartWaitingRent(pool, B);

        pool.Return(a, reusable: true);
        PoolLease<FakeConnection> b = await Served(waitingForB);

        Assert.True(a.IsDisposed);
        Assert.Equal(B, b.Connection.Key);
        Assert.Equal(Line(B, active: 1, idle: 0, waiting: 0), pool.ToString());
        Assert.Equal(1, Factory.MaxOpen);
    }

    [Fact]
    public async Task Evicted_connection_keeps_its_origin_slot_until_it_is_disposed()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1, MaxConnectionsTotal = 2 });
        FakeConnection a = (await RentAsync(pool, A)).Connection;
        pool.Return(a, reusable: true);
        FakeConnection c = (await RentAsync(pool, C)).Connection;
        a.HoldDispose();

        // The renter of B evicts a and is held inside a.Dispose, on its own thread.
        Task<PoolLease<FakeConnection>> forB = Task.Run(() => RentAsync(pool, B));
        WaitUntil(() => a.DisposeStarted);
        pool.Return(c, reusable: false);

        await Assert.ThrowsAsync<PoolTimeoutException>(() => RentAsync(pool, A, TimeSpan.Zero));
        Assert.Equal(Line(A, 0, 0, 0) + "\n" + Line(B, 0, 0, 0) + " connecting=1", pool.ToString());

        a.ReleaseDispose();
        PoolLease<FakeConnection> b = await Served(forB);
        Assert.Equal(B, b.Connection.Key);
        Assert.Equal(1, Factory.MaxOpenFor(A));
        Assert.Equal(2, Factory.MaxOpen);
    }

    [Fact]
    public async Task Waiters_of_one_origin_are_served_in_arrival_order()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        FakeConnection connection = (await RentAsync(pool, A)).Connection;
        Task<PoolLease<FakeConnection>> first = StartWaitingRent(pool, A);
        Task<PoolLease<FakeConnection>> second = StartWaitingRent(pool, A);
        Task<PoolLease<FakeConnection>> third = StartWaitingRent(pool, A);

        pool.Return(connection, reusable: true);
        Assert.Same(connection, (await Served(first)).Connection);
        Assert.False(second.IsCompleted || third.IsCompleted);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 2), pool.ToString());

        pool.Return(connection, reusable: true);
        Assert.Same(connection, (await Served(second)).Connection);
        Assert.False(third.IsCompleted);

        pool.Return(connection, reusable: true);
        Assert.Same(connection, (await Served(third)).Connection);
        Assert.Equal(1, Factory.Calls);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order_across_the_total_limit()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsTotal = 1 });
        FakeConnection a = (await RentAsync(pool, A)).Connection;
        Task<PoolLease<FakeConnection>> forB = StartWaitingRent(pool, B);
        Task<PoolLease<FakeConnection>> forC = StartWaitingRent(pool, C);

        pool.Return(a, reusable: false);
        PoolLease<FakeConnection> b = await Served(forB);
        Assert.False(forC.IsCompleted);
        Assert.Equal(Line(C, 0, 0, 1) + "\n" + Line(B, 1, 0, 0), pool.ToString());

        pool.Return(b.Connection, reusable: false);
        PoolLease<FakeConnection> c = await Served(forC);

        Assert.Equal(C, c.Connection.Key);
        Assert.Equal(1, Factory.MaxOpen);
    }

    [Fact]
    public async Task Waiter_blocked_by_its_origin_limit_does_not_hold_back_a_later_waiter_of_another_origin()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1, MaxConnectionsTotal = 2 });
        await RentAsync(pool, A);
        FakeConnection b = (await RentAsync(pool, B)).Connection;
        Task<PoolLease<FakeConnection>> forA = StartWaitingRent(pool, A);
        Task<PoolLease<FakeConnection>> forC = StartWaitingRent(pool, C);

        pool.Return(b, reusable: false);
        PoolLease<FakeConnection> c = await Served(forC);

        Assert.Equal(C, c.Connection.Key);
        Assert.False(forA.IsCompleted);
        Assert.Equal(1, WaitingFor(pool, A));
    }
}

public sealed class SyncLimitTests : LimitTests
{
    protected override bool TestAsync => false;
}

public sealed class AsyncLimitTests : LimitTests
{
    protected override bool TestAsync => true;
}
