using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// The arguments of the reconnect events (status, cause, attempt numbers, backoff within its documented bounds), a
/// message half received when the connection broke, and the client after it gave up.
/// </summary>
public sealed class ReconnectEventTests
{
    // InitialDelay 4 ms, Multiplier 2, Jitter 0.2: attempt n waits 4·2^(n-1) ms ± 20 %, at most MaxDelay.
    private static readonly WebSocketReconnectOptions Quick = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(4), MaxDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 3,
    };

    private static ServerScript Refuse() =>
        new ServerScript().ReceiveUntil("\r\n\r\n").Send("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n").Close();

    private static ServerScript DropAfterHandshake() =>
        new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort();

    private static ServerScript AcceptThen(byte[] frames) =>
        new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received, frames)).NeverRespond();

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_events_carry_the_servers_close_the_cause_each_attempt_and_its_delay(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index switch
        {
            0 => ServerFrames.HandshakeThen(ServerFrames.Close(1012, "restart")),
            1 or 2 => Refuse(),
            _ => AcceptThen(ServerFrames.Text("back")),
        });
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        WebSocketDisconnectedEventArgs? disconnected = null;
        var attempts = new List<WebSocketReconnectingEventArgs>();
        var reconnected = new List<int>();
        WebSocketState stateWhenDisconnected = default;
        client.Disconnected += (sender, e) =>
        {
            Assert.Same(client, sender);
            stateWhenDisconnected = client.State;
            disconnected = e;
        };
        client.Reconnecting += (sender, e) =>
        {
            Assert.Same(client, sender);
            Assert.Equal(WebSocketState.Reconnecting, client.State);
            attempts.Add(e);
        };
        client.Reconnected += (sender, e) =>
        {
            Assert.Same(client, sender);
            reconnected.Add(e.Attempts);
        };

        Assert.Equal("back", (await client.ReceiveAsync(async)).Text);

        Assert.NotNull(disconnected);
        Assert.Equal(WebSocketState.Reconnecting, stateWhenDisconnected);
        Assert.Equal(1012, disconnected.CloseStatus);
        Assert.Equal("restart", disconnected.CloseReason);
        WebSocketClosedException cause = Assert.IsType<WebSocketClosedException>(disconnected.Cause);
        Assert.Equal(1012, cause.CloseStatus);
        Assert.Equal([1, 2, 3], attempts.ConvertAll(a => a.Attempt));
        Assert.Same(cause, attempts[0].LastError);
        Assert.Equal(503, Assert.IsType<WebSocketHandshakeException>(attempts[1].LastError).StatusCode);
        Assert.IsType<WebSocketHandshakeException>(attempts[2].LastError);
        Assert.NotSame(attempts[1].LastError, attempts[2].LastError);
        AssertBetween(3.2, 4.8, attempts[0].Delay);
        AssertBetween(6.4, 9.6, attempts[1].Delay);
        AssertBetween(8, 10, attempts[2].Delay);
        Assert.Equal([3], reconnected);
        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Equal(4, server.AcceptedCount);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task After_giving_up_receives_and_sends_fail_without_new_attempts(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : Refuse());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        int disconnects = 0;
        int reconnects = 0;
        client.Disconnected += (_, _) => disconnects++;
        client.Reconnecting += (_, _) => reconnects++;
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        WebSocketClosedException receive = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        WebSocketClosedException send = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("x", async));

        Assert.Equal(1006, receive.CloseStatus);
        Assert.Equal(1006, send.CloseStatus);
        Assert.Equal(1, disconnects);
        Assert.Equal(3, reconnects);
        Assert.Equal(4, server.AcceptedCount);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    public static TheoryData<string, bool> ReceiveForms() => new()
    {
        { "message", false }, { "message", true }, { "into", false }, { "into", true },
    };

    [Theory]
    [MemberData(nameof(ReceiveForms))]
    public async Task A_message_half_received_when_the_connection_broke_is_dropped(string form, bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0
            ? new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r, ServerFrames.Text("half-", fin: false))).Close()
            : AcceptThen(ServerFrames.Text("whole")));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("kept:"u8);

        string received = form == "message" ? (await client.ReceiveAsync(async)).Text : await ReceiveIntoAsync(client, buffer, async);

        Assert.Equal(form == "into" ? "kept:whole" : "whole", received);
        Assert.Equal(2, server.AcceptedCount);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_stream_receive_waits_across_a_reconnect(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : AcceptThen(ServerFrames.Text("whole")));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        int reconnected = 0;
        client.Reconnected += (_, e) => reconnected = e.Attempts;

        Assert.Equal("whole", await ReadStreamAsync(client, async));

        Assert.Equal(1, reconnected);
        Assert.Equal(2, server.AcceptedCount);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_abort_during_the_backoff_stops_reconnecting(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : AcceptThen(ServerFrames.Text("never")));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        int reconnected = 0;
        client.Reconnecting += (_, _) => client.Abort();
        client.Reconnected += (_, _) => reconnected++;

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        Assert.Equal(0, reconnected);
        Assert.Equal(1, server.AcceptedCount);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_abort_by_the_caller_never_reconnects(bool async)
    {
        await using var server = new ScriptedTcpServer(_ => AcceptThen(ServerFrames.Text("never read")));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        int events = 0;
        client.Disconnected += (_, _) => events++;
        client.Reconnecting += (_, _) => events++;

        client.Abort();
        WebSocketClosedException receive = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        WebSocketClosedException send = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("x", async));

        Assert.Equal(1006, receive.CloseStatus);
        Assert.Equal(1006, send.CloseStatus);
        Assert.Equal(0, events);
        Assert.Equal(1, server.AcceptedCount);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Sends_work_again_from_the_Reconnected_handler_on_the_new_connection(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : AcceptThen(ServerFrames.Text("back")));
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick }, async);
        WebSocketState stateWhenReconnected = default;
        client.Reconnected += (_, _) =>
        {
            stateWhenReconnected = client.State;
            client.SendText("hello again");
        };

        Assert.Equal("back", (await client.ReceiveAsync(async)).Text);
        client.Dispose();

        Assert.Equal(WebSocketState.Open, stateWhenReconnected);
        ScriptedConnection second = await server.WaitForConnectionAsync(1);
        await second.Completion;
        Assert.Equal("hello again"u8.ToArray(), Assert.Single(ServerFrames.ParseClientFrames(second.Received)).Payload);
    }

    [Fact]
    public async Task BeginMessage_while_reconnecting_is_refused_and_leaves_the_sender_free()
    {
        await using var server = new ScriptedTcpServer(index => index == 0 ? DropAfterHandshake() : AcceptThen(ServerFrames.Text("back")));
        WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = Quick });
        Exception? refused = null;
        client.Reconnecting += (_, _) => refused = Record.Exception(() => client.BeginMessage(WebSocketMessageType.Text));

        Assert.Equal("back", (await client.ReceiveAsync()).Text);
        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text))
        {
            await writer.CompleteAsync("streamed"u8.ToArray());
        }

        client.Dispose();
        Assert.IsType<WebSocketReconnectingException>(refused);
        ScriptedConnection second = await server.WaitForConnectionAsync(1);
        await second.Completion;
        Assert.Equal("streamed"u8.ToArray(), Assert.Single(ServerFrames.ParseClientFrames(second.Received)).Payload);
    }

    private static async Task<string> ReceiveIntoAsync(WebSocketClient client, ArrayBufferWriter<byte> buffer, bool async)
    {
        WebSocketMessageType type = async ? await client.ReceiveIntoAsync(buffer) : client.ReceiveInto(buffer);
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task<string> ReadStreamAsync(WebSocketClient client, bool async)
    {
        using WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return async ? await reader.ReadToEndAsync() : reader.ReadToEnd();
    }

    private static void AssertBetween(double lowMs, double highMs, TimeSpan delay) =>
        Assert.InRange(delay.TotalMilliseconds, lowMs - 1e-9, highMs + 1e-9);

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
