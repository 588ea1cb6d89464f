using System;
using System.Linq;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>Servers that misbehave at the connection level: silent, abrupt, or wrong in the handshake. None may hang the client.</summary>
public sealed class HostilePeerTests
{
    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/chat");

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_never_answers_the_close_is_dropped_after_the_close_timeout(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).NeverRespond());
        var options = new WebSocketOptions { CloseTimeout = TimeSpan.FromMilliseconds(200) };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), options, async);

        await client.CloseAsync(1000, "bye", async);

        Assert.Equal(WebSocketState.Closed, client.State);
        // RFC 6455 §7.1.5: no Close frame was received.
        Assert.Equal(1006, client.CloseStatus);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        Assert.Equal(1000, Assert.Single(ServerFrames.ParseClientFrames(connection.Received)).CloseCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_connection_reset_is_reported_as_abnormal_closure(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        Assert.Equal(1006, client.CloseStatus);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_ignores_keep_alive_pings_fails_the_connection(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).NeverRespond());
        var options = new WebSocketOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(30), KeepAliveTimeout = TimeSpan.FromMilliseconds(150) };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), options, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        Assert.IsType<TimeoutException>(closed.InnerException);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        Assert.Contains(ServerFrames.ParseClientFrames(connection.Received), f => f.Opcode == 0x9);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_wrong_accept_value_fails_the_handshake(bool async)
    {
        await using var server = new ScriptedTcpServer(
            new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received, acceptOverride: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).Close());

        WebSocketHandshakeException error = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => Modes.ConnectAsync(UriOf(server), null, async));

        Assert.Equal(WebSocketHandshakeError.InvalidAccept, error.Error);
        Assert.Equal(101, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_unoffered_subprotocol_fails_the_handshake(bool async)
    {
        await using var server = new ScriptedTcpServer(
            new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received, extraFields: "Sec-WebSocket-Protocol: evil\r\n")).Close());

        WebSocketHandshakeException error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Subprotocols = ["good"] }, async));

        Assert.Equal(WebSocketHandshakeError.UnexpectedSubprotocol, error.Error);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_never_answers_the_upgrade_hits_the_connect_timeout(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());

        ConnectTimeoutException error = await Assert.ThrowsAsync<ConnectTimeoutException>(
            () => Modes.ConnectAsync(UriOf(server), new WebSocketOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) }, async));

        Assert.Equal(server.Port, error.Port);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal(UriOf(server).AbsoluteUri, error.RequestUrl);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_upgrade_request_is_a_well_formed_RFC_6455_request(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Close());
        var options = new WebSocketOptions { Subprotocols = ["a", "b"] };
        using (WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/path?q=1"), options, async))
        {
            await client.CloseAsync(1000, null, async);
        }

        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        string request = connection.ReceivedText;
        Assert.StartsWith($"GET /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nUpgrade: websocket\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: Upgrade\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Version: 13\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Protocol: a, b\r\n", request, StringComparison.Ordinal);
        string key = request.Split("\r\n").Single(line => line.StartsWith("Sec-WebSocket-Key: ", StringComparison.Ordinal))["Sec-WebSocket-Key: ".Length..];
        Assert.Equal(16, Convert.FromBase64String(key).Length);
    }
}
