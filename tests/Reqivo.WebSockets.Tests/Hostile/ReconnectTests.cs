using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>Auto-reconnect against a scripted server whose connections end as each test needs.</summary>
public sealed class ReconnectTests
{
    private static readonly WebSocketReconnectOptions Quick = new() { InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), MaxAttempts = 3 };

    private static ServerScript DropAfterHandshake() =>
        new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort();

    private static ServerScript Greet(string text) =>
        ServerFrames.HandshakeThen(ServerFrames.Text(text)).NeverRespond();

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_lost_connection_is_replaced_and_the_receive_goes_on(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r, ServerFrames.Text("second"))).NeverRespond());
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), new WebSocketOptions { Reconnect = Quick }, async);
        var events = new List<string>();
        client.Disconnected += (_, e) => events.Add($"disconnected {e.CloseStatus}");
        client.Reconnecting += (_, e) => events.Add($"reconnecting {e.Attempt}");
        client.Reconnected += (_, e) => events.Add($"reconnected {e.Attempts}");

        WebSocketMessage message = await client.ReceiveAsync(async);

        Assert.Equal("second", message.Text);
        Assert.Equal(["disconnected 1006", "reconnecting 1", "reconnected 1"], events);
        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Equal(2, server.AcceptedCount);
    }

    [Fact]
    public async Task A_connection_with_its_own_read_thread_is_replaced_by_another()
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : Greet("on the new connection"));
        var options = new WebSocketOptions { Reconnect = Quick, Transport = new Reqivo.Transport.SocketTransport { DedicatedReadThread = true } };
        using WebSocketClient client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), options);
        int reconnected = 0;
        client.Reconnected += (_, _) => reconnected++;

        WebSocketMessage message = await client.ReceiveAsync();

        Assert.Equal("on the new connection", message.Text);
        Assert.Equal(1, reconnected);
        Assert.Equal(2, server.AcceptedCount);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task After_the_last_failed_attempt_the_client_is_closed_for_good(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0
            ? DropAfterHandshake()
            : new ServerScript().ReceiveUntil("\r\n\r\n").Send("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n").Close());
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), new WebSocketOptions { Reconnect = Quick }, async);
        var errors = new List<Exception>();
        client.Reconnecting += (_, e) => errors.Add(e.LastError);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        Assert.Equal(3, errors.Count);
        Assert.IsType<Protocol.WebSockets.WebSocketHandshakeException>(errors[2]);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(4, server.AcceptedCount);
    }

    [Fact]
    public async Task A_send_while_reconnecting_raises_a_clear_exception_and_sends_nothing()
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : Greet("back"));
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), new WebSocketOptions { Reconnect = Quick });
        Exception? duringReconnect = null;
        WebSocketState stateDuringReconnect = default;
        client.Reconnecting += (_, _) =>
        {
            stateDuringReconnect = client.State;
            duringReconnect = Record.Exception(() => client.SendText("lost?"));
        };

        Assert.Equal("back", (await client.ReceiveAsync()).Text);

        Assert.IsType<WebSocketReconnectingException>(duringReconnect);
        Assert.Equal(WebSocketState.Reconnecting, stateDuringReconnect);
        ScriptedConnection second = await server.WaitForConnectionAsync(1);
        Assert.Empty(ServerFrames.ParseClientFrames(second.Received));
    }

    [Fact]
    public async Task A_send_on_a_lost_connection_reconnects_first()
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r)).ReceiveBytes(8).Abort());
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), new WebSocketOptions { Reconnect = Quick });
        await (await server.WaitForConnectionAsync(0)).Completion;

        // Writing into the reset connection fails (the first write may still land in the socket buffer); nothing reconnects yet.
        await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                await client.SendTextAsync("x");
            }
        });

        await client.SendTextAsync("hi");

        ScriptedConnection second = await server.WaitForConnectionAsync(1);
        await second.Completion;
        Assert.Equal("hi"u8.ToArray(), Assert.Single(ServerFrames.ParseClientFrames(second.Received)).Payload);
    }

    [Fact]
    public async Task A_close_by_the_client_never_reconnects()
    {
        await using var server = new ScriptedTcpServer(_ => ServerFrames.HandshakeThen(ServerFrames.Close(1000)));
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), new WebSocketOptions { Reconnect = Quick });
        int reconnects = 0;
        client.Reconnecting += (_, _) => reconnects++;

        await client.CloseAsync();
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync().AsTask());

        Assert.Equal(0, reconnects);
        Assert.Equal(1, server.AcceptedCount);
    }

    [Theory]
    [InlineData(1, 0.5, 100)]
    [InlineData(2, 0.5, 200)]
    [InlineData(3, 0.5, 400)]
    [InlineData(10, 0.5, 1000)]
    [InlineData(1, 0.0, 80)]
    [InlineData(1, 1.0, 120)]
    public void The_backoff_grows_exponentially_with_bounded_jitter(int attempt, double sample, double expectedMs)
    {
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Multiplier = 2, Jitter = 0.2 };

        Assert.Equal(expectedMs, policy.DelayBefore(attempt, sample).TotalMilliseconds, precision: 6);
    }
}
