using System;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.Tests;

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

        // Two requests: a new connection, then the pooled one.
        string[] bodies = StarvedThreadPool.Run(
            () =>
            {
                var read = new string[2];
                for (int i = 0; i < read.Length; i++)
                {
                    using Response response = session.Get(server.Url.AbsoluteUri);
                    read[i] = response.ReadAsString();
                }

                return read;
            },
            Bound);

        Assert.Equal(["hello", "hello"], bodies);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(1, session.GetPoolStatistics().ConnectionsCreated);
        PoolAssert.Settled(session, idle: 1);
    }
}
