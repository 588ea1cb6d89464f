using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

#if !DEBUG
/// <summary>
/// Renting and returning an idle connection is the hot path: it allocates nothing, sync or async. Compiled
/// only in optimized builds (the repository build runs Release): in Debug, the C# compiler emits async state
/// machines as classes, so every call to an async method allocates by design.
/// </summary>
public sealed class AllocationTests
{
    private static readonly PoolKey Key = new("https", "a.example", 443, "tls(tcp)");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rent_and_return_of_an_idle_connection_allocate_nothing(bool useAsync)
    {
        using var pool = new ConnectionPool<FakeConnection>(new FakeConnectionFactory(), new ConnectionPoolOptions { SweepInterval = Timeout.InfiniteTimeSpan });
        pool.Return(pool.Rent(Key, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan, CancellationToken.None).Connection, reusable: true);
        Cycle(pool, useAsync, 10);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(pool, useAsync, 100);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1L, pool.GetStatistics().ConnectionsCreated);
    }

    private static void Cycle(ConnectionPool<FakeConnection> pool, bool useAsync, int times)
    {
        for (int i = 0; i < times; i++)
        {
            PoolLease<FakeConnection> lease;
            if (useAsync)
            {
                ValueTask<PoolLease<FakeConnection>> rent = pool.RentAsync(Key, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan, CancellationToken.None);
                Assert.True(rent.IsCompletedSuccessfully, "Renting an idle connection completes synchronously.");
                System.Diagnostics.Debug.Assert(rent.IsCompleted, "Checked just above.");
                lease = rent.Result;
            }
            else
            {
                lease = pool.Rent(Key, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan, CancellationToken.None);
            }

            pool.Return(lease.Connection, reusable: true);
        }
    }
}
#endif
