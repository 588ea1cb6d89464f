using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// The caller's token: canceling a receive drops the connection (a frame may be half read) with status 1006; a send
/// canceled before it wrote anything leaves the connection open; and a connect without a budget still connects.
/// </summary>
public sealed class CancellationTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_canceled_receive_throws_OperationCanceledException_and_drops_the_connection(bool async)
    {
        using WebSocketClient client = await ConnectEchoAsync(null, async);
        using var cts = new CancellationTokenSource();
        Task<WebSocketMessage> receive = async ? client.ReceiveAsync(cts.Token).AsTask() : Task.Run(() => client.Receive(cts.Token));

        await cts.CancelAsync();

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
        Assert.Equal(cts.Token, canceled.CancellationToken);
        // An asynchronous read observes the token itself and its exception surfaces as it is; a blocking read is cut
        // by closing the connection, and that failure becomes the cause of a new OperationCanceledException.
        Assert.Equal(!async, canceled.Message.Contains("the connection was closed", StringComparison.Ordinal));
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
        Assert.Contains("canceled", client.CloseReason, StringComparison.Ordinal);
        WebSocketClosedException next = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        Assert.Equal(1006, next.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_send_with_a_canceled_token_sends_nothing_and_keeps_the_connection(bool async)
    {
        using WebSocketClient client = await ConnectEchoAsync(null, async);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            if (async)
            {
                await client.SendTextAsync("canceled", cts.Token);
            }
            else
            {
                client.SendText("canceled", cts.Token);
            }
        });
        await client.SendTextAsync("sent", async);

        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Equal("sent", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_infinite_connect_timeout_connects(bool async)
    {
        using WebSocketClient client = await ConnectEchoAsync(new WebSocketOptions { ConnectTimeout = Timeout.InfiniteTimeSpan }, async);

        await client.SendTextAsync("no budget", async);

        Assert.Equal("no budget", (await client.ReceiveAsync(async)).Text);
    }

    [Fact]
    public async Task A_blocking_close_during_a_pending_receive_waits_for_that_receive_to_see_the_answer()
    {
        using WebSocketClient client = await ConnectEchoAsync(null, async: false);
        Task<WebSocketMessage> pending = client.ReceiveAsync().AsTask();

        client.Close(4004, "sync");

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => pending);
        Assert.Equal(4004, closed.CloseStatus);
        Assert.Equal("sync", closed.CloseReason);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    private async Task<WebSocketClient> ConnectEchoAsync(WebSocketOptions? options, bool async) =>
        await Modes.ConnectAsync((await hosts.GetAsync()).Ws("/ws/echo"), options, async);
}
