using System;
using Reqivo.Tests;
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

        (string echoed, int? closeStatus) = StarvedThreadPool.Run(
            () =>
            {
                using WebSocketClient ws = WebSocketClient.Connect(server.Uri, new WebSocketOptions { ConnectTimeout = Bound, CloseTimeout = Bound });
                ws.SendText("starved");
                string text = ws.Receive().Text;
                ws.Close(1000, "done");
                return (text, ws.CloseStatus);
            },
            Bound);

        Assert.Equal("starved", echoed);
        Assert.Equal(1000, closeStatus);
    }
}
