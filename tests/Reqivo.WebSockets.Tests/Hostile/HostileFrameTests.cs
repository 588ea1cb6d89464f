using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// A scripted raw-TCP server sends frames that break RFC 6455. Each ends in <see cref="WebSocketProtocolException"/>
/// with the right violation, the client's Close frame carrying the code the RFC prescribes, and no hang.
/// </summary>
public sealed class HostileFrameTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in Frames.Keys)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    private static readonly Dictionary<string, (byte[] Frames, WebSocketViolation Violation, int Code)> Frames = new()
    {
        ["rsv1 without extension"] = (ServerFrames.Frame(0x1, true, "x"u8.ToArray(), rsv1: true), WebSocketViolation.ReservedBitSet, 1002),
        ["rsv2"] = (ServerFrames.Frame(0x2, true, [1], rsv2: true), WebSocketViolation.ReservedBitSet, 1002),
        ["rsv3"] = (ServerFrames.Frame(0x2, true, [1], rsv3: true), WebSocketViolation.ReservedBitSet, 1002),
        ["reserved data opcode"] = (ServerFrames.Frame(0x3, true, [1]), WebSocketViolation.ReservedOpcode, 1002),
        ["reserved control opcode"] = (ServerFrames.Frame(0xB, true, []), WebSocketViolation.ReservedOpcode, 1002),
        ["fragmented ping"] = (ServerFrames.Frame(0x9, false, "p"u8.ToArray()), WebSocketViolation.FragmentedControlFrame, 1002),
        ["ping over 125 bytes"] = (ServerFrames.Frame(0x9, true, new byte[126]), WebSocketViolation.ControlFrameTooLong, 1002),
        ["continuation without a message"] = (ServerFrames.Frame(0x0, true, [1]), WebSocketViolation.UnexpectedContinuation, 1002),
        ["new message inside a fragmented one"] = (
            ServerFrames.Concat(ServerFrames.Text("a", fin: false), ServerFrames.Text("b")), WebSocketViolation.UnfinishedMessage, 1002),
        ["masked server frame"] = (new byte[] { 0x81, 0x81, 1, 2, 3, 4, 0x79 }, WebSocketViolation.MaskedServerFrame, 1002),
        ["invalid UTF-8 split across fragments"] = (
            ServerFrames.Concat(ServerFrames.Frame(0x1, false, [0xCE]), ServerFrames.Frame(0x0, true, [0x28])), WebSocketViolation.InvalidUtf8, 1007),
        ["text ending inside a code point"] = (ServerFrames.Frame(0x1, true, [0x61, 0xE2, 0x82]), WebSocketViolation.InvalidUtf8, 1007),
        ["close code 1005"] = (ServerFrames.Close(1005), WebSocketViolation.InvalidCloseStatus, 1002),
        ["close code 999"] = (ServerFrames.Close(999), WebSocketViolation.InvalidCloseStatus, 1002),
        ["close with a one-byte payload"] = (ServerFrames.Frame(0x8, true, [3]), WebSocketViolation.InvalidCloseStatus, 1002),
        ["close reason not UTF-8"] = (ServerFrames.Frame(0x8, true, [0x03, 0xE8, 0xFF]), WebSocketViolation.InvalidUtf8, 1007),
        ["frame over the frame limit"] = (ServerFrames.FrameWithLength(0x2, true, [], 5000), WebSocketViolation.FrameTooLarge, 1009),
        ["message over the message limit"] = (
            ServerFrames.Concat(ServerFrames.Frame(0x2, false, new byte[3000]), ServerFrames.Frame(0x0, true, new byte[3000])), WebSocketViolation.MessageTooLarge, 1009),
        ["64-bit length with the top bit set"] = (
            new byte[] { 0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1 }, WebSocketViolation.InvalidPayloadLength, 1002),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_violation_fails_the_connection_with_the_prescribed_close_code(string name, bool async)
    {
        (byte[] frames, WebSocketViolation violation, int code) = Frames[name];
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(frames));
        var options = new WebSocketOptions
        {
            Limits = new WebSocketLimits { MaxFramePayloadLength = 4096, MaxMessageLength = 4096 },
            CloseTimeout = TimeSpan.FromSeconds(5),
        };
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), options, async);

        WebSocketProtocolException error = await Assert.ThrowsAsync<WebSocketProtocolException>(() => client.ReceiveAsync(async));

        Assert.Equal(violation, error.Violation);
        Assert.Equal(code, error.CloseCode);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(code, client.CloseStatus);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        ClientFrame close = Assert.Single(ServerFrames.ParseClientFrames(connection.Received), f => f.Opcode == 0x8);
        Assert.True(close.Masked);
        Assert.Equal(code, close.CloseCode);

        // Later operations report the closed connection.
        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("late", async));
        Assert.Equal(code, closed.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_message_arriving_with_the_101_is_received(bool async)
    {
        byte[] frames = ServerFrames.Concat(ServerFrames.Text("in the same packet"), ServerFrames.Close(1000));
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(frames));
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), null, async);

        Assert.Equal("in the same packet", (await client.ReceiveAsync(async)).Text);
        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        Assert.Equal(1000, closed.CloseStatus);

        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        // RFC 6455 §5.5.1: the client answers the Close frame with the same code.
        Assert.Equal(1000, Assert.Single(ServerFrames.ParseClientFrames(connection.Received)).CloseCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Pings_between_fragments_are_answered_and_the_message_continues(bool async)
    {
        byte[] frames = ServerFrames.Concat(
            ServerFrames.Text("frag", fin: false),
            ServerFrames.Frame(0x9, true, "p1"u8.ToArray()),
            ServerFrames.Frame(0x0, true, "ment"u8.ToArray()),
            ServerFrames.Close(1000));
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(frames));
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), null, async);

        Assert.Equal("fragment", (await client.ReceiveAsync(async)).Text);
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        List<ClientFrame> sent = ServerFrames.ParseClientFrames(connection.Received);
        ClientFrame pong = Assert.Single(sent, f => f.Opcode == 0xA);
        Assert.Equal("p1"u8.ToArray(), pong.Payload);
        Assert.Equal(0x8, sent.Last().Opcode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_empty_close_is_reported_as_1005_and_answered_with_an_empty_close(bool async)
    {
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(ServerFrames.Frame(0x8, true, [])));
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), null, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1005, closed.CloseStatus);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        ClientFrame answer = Assert.Single(ServerFrames.ParseClientFrames(connection.Received));
        Assert.Equal(0x8, answer.Opcode);
        Assert.Empty(answer.Payload);
    }
}
