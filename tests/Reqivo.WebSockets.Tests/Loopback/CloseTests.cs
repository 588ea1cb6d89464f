using System;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>The close handshake with ASP.NET Core, started by either side.</summary>
public sealed class CloseTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_close_ends_the_receive_with_its_code_and_reason(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/close?code=4001&reason=bye"), null, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(4001, closed.CloseStatus);
        Assert.Equal("bye", closed.CloseReason);
        Assert.False(closed.IsNormalClosure);
        Assert.Equal(4001, client.CloseStatus);
        Assert.Equal("bye", client.CloseReason);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_client_close_completes_the_handshake_with_the_servers_answer(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);

        await client.CloseAsync(4002, "done", async);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(4002, client.CloseStatus);
        Assert.Equal("done", client.CloseReason);
        WebSocketClosedException error = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("late", async));
        Assert.Equal(4002, error.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_close_during_a_pending_receive_lets_that_receive_see_the_answer(bool asyncClose)
    {
        KestrelTestHost host = await hosts.GetAsync();
        // No close budget: the close ends only because the receiver, seeing the answer, wakes it.
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), new WebSocketOptions { CloseTimeout = System.Threading.Timeout.InfiniteTimeSpan });
        Task<WebSocketMessage> pending = client.ReceiveAsync().AsTask();

        await client.CloseAsync(1000, "bye", asyncClose);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => pending);
        Assert.Equal(1000, closed.CloseStatus);
        Assert.True(closed.IsNormalClosure);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Theory]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(999)]
    [InlineData(2000)]
    public async Task Codes_that_may_not_be_sent_are_refused_before_anything_is_sent(int code)
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Close(code));
        Assert.Throws<ArgumentException>(() => client.Close(1000, new string('x', 124)));

        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Abort_drops_the_connection_with_status_1006()
    {
        KestrelTestHost host = await hosts.GetAsync();
        WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));

        client.Abort();

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
        Assert.Contains("aborted", client.CloseReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync().AsTask());
        await client.DisposeAsync();
    }
}
