using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Tests.Fakes;

namespace Reqivo.Pooling.Tests;

/// <summary>
/// Many renters, sync on dedicated threads and async on the thread pool, through a pool of four
/// connections shared by two keys: the limits must hold for open connections at every moment, no
/// connection may be leased twice, and every rent must succeed.
/// </summary>
public sealed class ContentionTests
{
    private const int SyncThreads = 4;
    private const int CyclesPerSyncThread = 125;
    private const int AsyncTasks = 50;
    private const int CyclesPerAsyncTask = 10;
    private const int TotalCycles = (SyncThreads * CyclesPerSyncThread) + (AsyncTasks * CyclesPerAsyncTask);

    private static readonly PoolKey[] Keys =
    [
        new("https", "a.example", 443, "tls(tcp)"),
        new("https", "b.example", 443, "tls(tcp)"),
    ];

    [Fact]
    public async Task A_thousand_mixed_rent_return_cycles_through_four_connections()
    {
        var factory = new FakeConnectionFactory();
        var options = new ConnectionPoolOptions { MaxConnectionsPerOrigin = 3, MaxConnectionsTotal = 4 };
        using var pool = new ConnectionPool<FakeConnection>(factory, options);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var workers = new List<Task>();

        for (int worker = 0; worker < SyncThreads; worker++)
        {
            int id = worker;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    for (int cycle = 0; cycle < CyclesPerSyncThread; cycle++)
                    {
                        PoolKey key = Keys[(id + cycle) % Keys.Length];
                        PoolLease<FakeConnection> lease = pool.Rent(key, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan, bound.Token);
                        Use(lease, key);
                        Thread.Yield();
                        Finish(pool, lease, cycle);
                    }

                    done.SetResult();
                }
                catch (Exception exception)
                {
                    done.SetException(exception);
                }
            })
            { IsBackground = true, Name = $"sync renter {id}" };
            thread.Start();
            workers.Add(done.Task);
        }

        for (int worker = 0; worker < AsyncTasks; worker++)
        {
            int id = worker;
            workers.Add(Task.Run(async () =>
            {
                for (int cycle = 0; cycle < CyclesPerAsyncTask; cycle++)
                {
                    PoolKey key = Keys[(id + cycle) % Keys.Length];
                    PoolLease<FakeConnection> lease = await pool.RentAsync(key, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan, bound.Token);
                    Use(lease, key);
                    await Task.Yield();
                    Finish(pool, lease, cycle);
                }
            }));
        }

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(90));

        PoolStatistics statistics = pool.GetStatistics();
        Assert.True(factory.MaxOpen <= 4, $"{factory.MaxOpen} connections were open at once.");
        Assert.True(factory.MaxOpenFor(Keys[0]) <= 3 && factory.MaxOpenFor(Keys[1]) <= 3);
        Assert.Equal((0, 0, 0), (statistics.Active, statistics.Waiting, statistics.Connecting));
        Assert.Equal(TotalCycles, statistics.ConnectionsCreated + statistics.ConnectionsReused);
        Assert.Equal(factory.Created.Count, statistics.ConnectionsCreated);
        Assert.Equal(factory.Disposed, statistics.ConnectionsDisposed);
        Assert.Equal(factory.Open, statistics.Idle);
    }

    private static void Use(PoolLease<FakeConnection> lease, PoolKey key)
    {
        Assert.Equal(key, lease.Connection.Key);
        lease.Connection.BeginUse();
    }

    /// <summary>Most connections go back reusable; some are discarded, some die while idle.</summary>
    private static void Finish(ConnectionPool<FakeConnection> pool, PoolLease<FakeConnection> lease, int cycle)
    {
        FakeConnection connection = lease.Connection;
        connection.EndUse();
        if (cycle % 13 == 7)
        {
            connection.Alive = false;
        }

        pool.Return(connection, reusable: cycle % 10 != 3);
    }
}
