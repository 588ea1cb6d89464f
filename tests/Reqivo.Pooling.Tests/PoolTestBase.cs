using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

/// <summary>
/// Shared fixtures for pool tests that run in both modes: each concern is an abstract class deriving from
/// this one, with a sealed sync and a sealed async subclass switching <see cref="TestAsync"/>.
/// </summary>
public abstract class PoolTestBase
{
    protected static readonly PoolKey A = new("https", "a.example", 443, "tls(tcp)");
    protected static readonly PoolKey B = new("https", "b.example", 443, "tls(tcp)");
    protected static readonly PoolKey C = new("http", "c.example", 80, "tcp");

    /// <summary>How long a test waits for something that should happen at once before it fails.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected FakeConnectionFactory Factory { get; } = new();

    protected ManualTimeProvider Time { get; } = new();

    /// <summary>Whether renting goes through <c>RentAsync</c> (true) or the blocking <c>Rent</c> (false).</summary>
    protected abstract bool TestAsync { get; }

    /// <summary>A pool on the manual clock; no sweep unless the options ask for one.</summary>
    protected ConnectionPool<FakeConnection> CreatePool(ConnectionPoolOptions? options = null) =>
        new(Factory, options ?? new ConnectionPoolOptions { SweepInterval = Timeout.InfiniteTimeSpan }, Time);

    /// <summary>Rents in the mode under test, for rents expected to complete without waiting for a slot.</summary>
    protected async Task<PoolLease<FakeConnection>> RentAsync(
        ConnectionPool<FakeConnection> pool, PoolKey key, TimeSpan? poolTimeout = null, CancellationToken cancellationToken = default)
    {
        TimeSpan timeout = poolTimeout ?? Timeout.InfiniteTimeSpan;
        return TestAsync
            ? await pool.RentAsync(key, timeout, Timeout.InfiniteTimeSpan, cancellationToken)
            : pool.Rent(key, timeout, Timeout.InfiniteTimeSpan, cancellationToken);
    }

    /// <summary>
    /// Starts a rent that may have to wait. In sync mode the blocking <c>Rent</c> runs on a dedicated thread,
    /// the way a sync caller would wait.
    /// </summary>
    protected Task<PoolLease<FakeConnection>> StartRent(
        ConnectionPool<FakeConnection> pool, PoolKey key, TimeSpan? poolTimeout = null, CancellationToken cancellationToken = default)
    {
        TimeSpan timeout = poolTimeout ?? Timeout.InfiniteTimeSpan;
        return TestAsync
            ? pool.RentAsync(key, timeout, Timeout.InfiniteTimeSpan, cancellationToken).AsTask()
            : Task.Factory.StartNew(() => pool.Rent(key, timeout, Timeout.InfiniteTimeSpan, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts a rent and waits until the pool counts it among the waiters of its key.</summary>
    protected Task<PoolLease<FakeConnection>> StartWaitingRent(
        ConnectionPool<FakeConnection> pool, PoolKey key, TimeSpan? poolTimeout = null, CancellationToken cancellationToken = default)
    {
        int before = WaitingFor(pool, key);
        Task<PoolLease<FakeConnection>> rent = StartRent(pool, key, poolTimeout, cancellationToken);
        WaitUntil(() => WaitingFor(pool, key) == before + 1 || rent.IsCompleted);
        Assert.False(rent.IsCompleted, "The rent was expected to wait for a slot.");
        return rent;
    }

    protected static int WaitingFor(ConnectionPool<FakeConnection> pool, PoolKey key) =>
        pool.GetStatistics().Origins.TryGetValue(key, out OriginStatistics counts) ? counts.Waiting : 0;

    /// <summary>Waits for a condition another thread will make true; fails instead of hanging.</summary>
    protected static void WaitUntil(Func<bool> condition) =>
        Assert.True(SpinWait.SpinUntil(condition, Patience), "The expected state was not reached.");

    /// <summary>Awaits a rent that must complete now that the pool can serve it; fails instead of hanging.</summary>
    protected static Task<PoolLease<FakeConnection>> Served(Task<PoolLease<FakeConnection>> rent) => rent.WaitAsync(Patience);

    protected static string Line(PoolKey key, int active, int idle, int waiting) =>
        $"{key} active={active} idle={idle} waiting={waiting}";
}
