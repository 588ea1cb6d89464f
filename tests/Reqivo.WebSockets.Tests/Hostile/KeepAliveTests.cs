using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// Keep-alive (RFC 6455 §5.5.2) against a scripted server: a Pong re-arms the next Ping, an unanswered Ping is never
/// followed by another, and the failure names the timeout that expired.
/// </summary>
public sealed class KeepAliveTests
{
    // An empty masked Ping: 2 header bytes and the 4-byte mask.
    private const int EmptyPingLength = 6;

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Each_answered_ping_is_followed_by_the_next(bool async)
    {
        var thirdPing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] pong = ServerFrames.Frame(0xA, true, []);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received))
            .ReceiveBytes(EmptyPingLength).Send(pong)
            .ReceiveBytes(EmptyPingLength).Send(pong)
            .ReceiveBytes(EmptyPingLength)
            .Respond(_ =>
            {
                thirdPing.TrySetResult();
                return ServerFrames.Text("done");
            })
            .NeverRespond());
        var options = new WebSocketOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(10), KeepAliveTimeout = TimeSpan.FromSeconds(20) };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), options, async);
        var pongs = new List<int>();
        client.PongReceived += (sender, e) =>
        {
            Assert.Same(client, sender);
            lock (pongs)
            {
                pongs.Add(e.Payload.Length);
            }
        };

        WebSocketMessage message = await client.ReceiveAsync(async);

        Assert.True(thirdPing.Task.IsCompleted);
        Assert.Equal("done", message.Text);
        Assert.Equal([0, 0], pongs);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_unanswered_ping_is_the_only_one_and_the_failure_names_the_timeout(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).NeverRespond());
        var options = new WebSocketOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(10), KeepAliveTimeout = TimeSpan.FromMilliseconds(250) };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), options, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        TimeoutException timeout = Assert.IsType<TimeoutException>(closed.InnerException);
        Assert.Contains(options.KeepAliveTimeout.ToString(), timeout.Message, StringComparison.Ordinal);
        Assert.Contains("No Pong answered the keep-alive Ping", closed.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, client.CloseReason);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        ClientFrame ping = Assert.Single(ServerFrames.ParseClientFrames(connection.Received));
        Assert.Equal(0x9, ping.Opcode);
        Assert.Empty(ping.Payload);
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
