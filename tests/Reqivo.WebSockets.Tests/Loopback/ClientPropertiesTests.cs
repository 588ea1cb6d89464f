using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>What an open client reports about its connection, and close handshakes without a time budget.</summary>
public sealed class ClientPropertiesTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_http_uri_is_reported_as_ws_and_nothing_negotiated_is_null(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var http = new Uri($"http://127.0.0.1:{host.Port}/ws/echo?x=1");

        using WebSocketClient client = await Modes.ConnectAsync(http, null, async);

        Assert.Equal(new Uri($"ws://127.0.0.1:{host.Port}/ws/echo?x=1"), client.Uri);
        Assert.Null(client.Subprotocol);
        Assert.Null(client.Extensions);
        Assert.True(client.ResponseHeaders.TryGetValue("Upgrade", out string? upgrade));
        Assert.Equal("websocket", upgrade, ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task With_an_infinite_close_timeout_a_client_close_completes_with_the_servers_answer(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), new WebSocketOptions { CloseTimeout = Timeout.InfiniteTimeSpan }, async);

        await client.CloseAsync(4020, "unbounded", async);

        Assert.Equal(4020, client.CloseStatus);
        Assert.Equal("unbounded", client.CloseReason);
    }

    [Fact]
    public async Task With_an_infinite_close_timeout_a_close_during_a_receive_waits_for_the_answer()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), new WebSocketOptions { CloseTimeout = Timeout.InfiniteTimeSpan });
        Task<WebSocketMessage> pending = client.ReceiveAsync().AsTask();

        await client.CloseAsync(4021, "waited");

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => pending);
        Assert.Equal(4021, closed.CloseStatus);
        Assert.Equal(4021, client.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task With_an_infinite_close_timeout_a_server_close_reports_its_status(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/close?code=4022&reason=srv"), new WebSocketOptions { CloseTimeout = Timeout.InfiniteTimeSpan }, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(4022, closed.CloseStatus);
        Assert.Equal("srv", closed.CloseReason);
    }
}
