using System;
using System.Threading;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>Tests that change process-wide thread-pool limits, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadPoolStarvationCollection
{
    public const string Name = "Thread-pool starvation";
}

/// <summary>
/// The sync API uses blocking socket calls only: connect, send, receive and close complete while every thread-pool
/// worker is blocked and the pool may not add any (DESIGN.md §3.1). Sync-over-async code would hang here instead.
/// </summary>
[Collection(ThreadPoolStarvationCollection.Name)]
public sealed class ThreadPoolStarvationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_sync_conversation_completes_while_the_thread_pool_is_starved()
    {
        using var server = new BlockingEchoServer();
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.GetMaxThreads(out int maxWorkers, out int maxIo);
        int limit = Math.Max(Environment.ProcessorCount, ThreadPool.ThreadCount) + 2;
        int blockerCount = limit + 4;
        var release = new ManualResetEventSlim();
        var firstBlocked = new ManualResetEventSlim();
        var allDone = new CountdownEvent(blockerCount);
        int probeRan = 0;
        string? echoed = null;
        int? closeStatus = null;
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

            var client = new Thread(() =>
            {
                try
                {
                    using WebSocketClient ws = WebSocketClient.Connect(server.Uri, new WebSocketOptions { ConnectTimeout = Bound, CloseTimeout = Bound });
                    ws.SendText("starved");
                    echoed = ws.Receive().Text;
                    ws.Close(1000, "done");
                    closeStatus = ws.CloseStatus;
                }
                catch (Exception e)
                {
                    failure = e;
                }
            })
            { IsBackground = true };
            client.Start();

            Assert.True(client.Join(Bound), "The sync conversation did not complete while the thread pool was starved.");
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
        Assert.Equal("starved", echoed);
        Assert.Equal(1000, closeStatus);
    }
}
