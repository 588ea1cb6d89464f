using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

/// <summary>How a wait ends: pool timeout, cancellation, and their races with a hand-over.</summary>
public abstract class WaitTests : PoolTestBase
{
    [Fact]
    public async Task Pool_timeout_fails_the_waiter_with_its_key_and_timeout_and_removes_it()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1, SweepInterval = Timeout.InfiniteTimeSpan });
        FakeConnection held = (await RentAsync(pool, A)).Connection;
        Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, A, TimeSpan.FromSeconds(5));
        WaitUntil(() => Time.ActiveTimers == 1);

        Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, WaitingFor(pool, A));
        Time.Advance(TimeSpan.FromSeconds(1));

        PoolTimeoutException timeout = await Assert.ThrowsAsync<PoolTimeoutException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(A, timeout.Key);
        Assert.Equal(TimeSpan.FromSeconds(5), timeout.Timeout);
        Assert.IsAssignableFrom<ReqivoException>(timeout);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());

        pool.Return(held, reusable: true);
        Assert.Equal(Line(A, active: 0, idle: 1, waiting: 0), pool.ToString());
    }

    [Fact]
    public async Task Pool_timeout_on_the_system_clock_fails_the_waiter()
    {
        using var pool = new ConnectionPool<FakeConnection>(Factory, new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        await RentAsync(pool, A);

        Task<PoolLease<FakeConnection>> waiting = StartRent(pool, A, TimeSpan.FromMilliseconds(20));

        PoolTimeoutException timeout = await Assert.ThrowsAsync<PoolTimeoutException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(TimeSpan.FromMilliseconds(20), timeout.Timeout);
        Assert.Equal(0, WaitingFor(pool, A));
    }

    [Fact]
    public async Task Zero_pool_timeout_fails_at_once_and_leaves_no_trace_of_the_key()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsTotal = 1 });
        await RentAsync(pool, A);

        PoolTimeoutException timeout = await Assert.ThrowsAsync<PoolTimeoutException>(() => RentAsync(pool, B, TimeSpan.Zero));

        Assert.Equal(B, timeout.Key);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());
        Assert.Equal(1, Factory.Calls);
    }

    [Fact]
    public async Task Cancellation_fails_the_waiter_and_removes_it()
    {
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        FakeConnection held = (await RentAsync(pool, A)).Connection;
        using var cancellation = new CancellationTokenSource();
        Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, A, cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();

        OperationCanceledException cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
        Assert.Equal(Line(A, active: 1, idle: 0, waiting: 0), pool.ToString());

        pool.Return(held, reusable: true);
        Assert.Equal(Line(A, active: 0, idle: 1, waiting: 0), pool.ToString());
    }

    [Fact]
    public async Task Already_cancelled_rent_creates_nothing()
    {
        using var pool = CreatePool();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RentAsync(pool, A, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(0, Factory.Calls);
        Assert.Empty(pool.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancellation_racing_a_hand_over_never_loses_the_connection_or_the_slot(bool reusable)
    {
        // Cancel and return at the same moment, many times: whichever wins, the waiter either leaves with
        // the connection (or a new one in the freed slot) or leaves nothing behind.
        using var pool = CreatePool(new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 });
        for (int round = 0; round < 50; round++)
        {
            FakeConnection held = (await RentAsync(pool, A)).Connection;
            using var cancellation = new CancellationTokenSource();
            Task<PoolLease<FakeConnection>> waiting = StartWaitingRent(pool, A, cancellationToken: cancellation.Token);

            cancellation.Cancel();
            pool.Return(held, reusable);

            try
            {
                PoolLease<FakeConnection> lease = await waiting.WaitAsync(Patience);
                pool.Return(lease.Connection, reusable: true);
            }
            catch (OperationCanceledException)
            {
            }

            PoolStatistics statistics = pool.GetStatistics();
            Assert.Equal((0, 0, 0), (statistics.Active, statistics.Waiting, statistics.Connecting));
            Assert.Equal(Factory.Open, statistics.Idle);
            Assert.True(statistics.Idle <= 1);
        }
    }
}

public sealed class SyncWaitTests : WaitTests
{
    protected override bool TestAsync => false;
}

public sealed class AsyncWaitTests : WaitTests
{
    protected override bool TestAsync => true;
}
