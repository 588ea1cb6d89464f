using System;
using System.Threading;

namespace Reqivo.Tests;

/// <summary>
/// Runs blocking work on its own thread while every thread-pool worker is blocked and the pool may not add any, and
/// proves both: the work finished, and a probe queued before it never ran (so the pool really was starved throughout).
/// Sync-over-async code hangs here; truly blocking I/O does not. Tests using it change process-wide limits, so they
/// belong to a collection that runs alone.
/// </summary>
internal static class StarvedThreadPool
{
    public static T Run<T>(Func<T> work, TimeSpan bound)
    {
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
        T? result = default;
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
                        release.Wait(bound);
                        allDone.Signal();
                    },
                    null);
            }

            Assert.True(firstBlocked.Wait(bound), "No blocker ever ran.");
            ThreadPool.UnsafeQueueUserWorkItem(_ => Interlocked.Exchange(ref probeRan, 1), null);
            var worker = new Thread(() =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            })
            { IsBackground = true, Name = "StarvedThreadPool work" };
            worker.Start();

            Assert.True(worker.Join(bound), "The blocking work did not complete while the thread pool was starved.");
            Assert.True(Volatile.Read(ref probeRan) == 0, "The pool was not starved during the work: the test proved nothing.");
        }
        finally
        {
            release.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            ThreadPool.SetMinThreads(minWorkers, minIo);
            allDone.Wait(bound);
        }

        Assert.Null(failure);
        return result!;
    }
}
