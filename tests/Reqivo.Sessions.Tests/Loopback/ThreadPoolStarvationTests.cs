using System;
using System.Threading;
using Reqivo;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Tests that change process-wide thread-pool limits, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadPoolStarvationCollection
{
    public const string Name = "Thread-pool starvation";
}

/// <summary>
/// The sync API uses blocking socket calls only: a sync request completes while every thread-pool worker is
/// blocked and the pool may not add any (DESIGN.md §3.1). Sync-over-async code would hang here instead.
/// </summary>
[Collection(ThreadPoolStarvationCollection.Name)]
public sealed class ThreadPoolStarvationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void Sync_requests_complete_while_the_thread_pool_is_starved()
    {
        using var server = new BlockingHelloServer();
        using var session = new Session(new SessionOptions { Timeouts = new Timeouts { Connect = Bound, Read = Bound, Write = Bound } });
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.GetMaxThreads(out int maxWorkers, out int maxIo);
        // Workers the test infrastructure may already hold (blocked in its own waits) count against the limit, so
        // the limit leaves room above the threads that exist; min = max lets the pool create them all at once.
        int limit = Math.Max(Environment.ProcessorCount, ThreadPool.ThreadCount) + 2;
        // More blockers than the pool may have workers: some stay queued, so every worker is taken and a work item
        // queued after them cannot run until they are released. The events are not disposed: queued blockers
        // touch them until the last one has run.
        int blockerCount = limit + 4;
        var release = new ManualResetEventSlim();
        var firstBlocked = new ManualResetEventSlim();
        var allDone = new CountdownEvent(blockerCount);
        int probeRan = 0;
        string[] bodies = new string[2];
        Exception? failure = null;

        try
        {
            Assert.True(ThreadPool.SetMinThreads(limit, minIo));
            Assert.True(ThreadPool.SetMaxThreads(limit, maxIo));
            for (int i = 0; i < blockerCount; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(
                    _ =>
                    {
                        firstBlocked.Set();
                        release.Wait(Bound);
                        allDone.Signal();
                    },
                    null);
            }

            Assert.True(firstBlocked.Wait(Bound), "No blocker ever ran.");
            ThreadPool.UnsafeQueueUserWorkItem(_ => Interlocked.Exchange(ref probeRan, 1), null);

            // Two requests: a new connection, then the pooled one.
            var client = new Thread(() =>
            {
                try
                {
                    for (int i = 0; i < bodies.Length; i++)
                    {
                        using Response response = session.Get(server.Url.AbsoluteUri);
                        bodies[i] = response.ReadAsString();
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
            })
            { IsBackground = true };
            client.Start();

            Assert.True(client.Join(Bound), "The sync requests did not complete while the thread pool was starved.");
            // The pool really was starved for the whole exchange: the probe queued before it has not run yet.
            Assert.Equal(0, Volatile.Read(ref probeRan));
        }
        finally
        {
            release.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            ThreadPool.SetMinThreads(minWorkers, minIo);
            allDone.Wait(Bound);
        }

        Assert.Null(failure);
        Assert.Equal(["hello", "hello"], bodies);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(1, session.GetPoolStatistics().ConnectionsCreated);
        PoolAssert.Settled(session, idle: 1);
    }
}
