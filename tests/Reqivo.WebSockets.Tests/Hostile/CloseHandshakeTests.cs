using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// The close handshake step by step against a scripted server (RFC 6455 §7): the intermediate states, what may be sent
/// meanwhile, what the client discards while it waits, and how each budget ends a server that stops answering.
/// </summary>
public sealed class CloseHandshakeTests
{
    // A masked Close frame with a two-byte status and no reason: 2 header bytes, 4 of mask, 2 of payload.
    private const int BareCloseFrameLength = 8;

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_close_is_answered_with_its_code_alone_and_the_client_is_CloseReceived_until_TCP_ends(bool async)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, ServerFrames.Close(4001, "bye")))
            .ReceiveBytes(BareCloseFrameLength)
            .Respond(_ => Signal(answered))
            .Pause(release.Task)
            .Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        Task<WebSocketMessage> receive = async ? client.ReceiveAsync().AsTask() : Task.Run(() => client.Receive());

        await answered.Task;
        WebSocketState whileWaiting = client.State;
        int? statusWhileWaiting = client.CloseStatus;
        release.SetResult();
        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => receive);

        Assert.Equal(WebSocketState.CloseReceived, whileWaiting);
        Assert.Equal(4001, statusWhileWaiting);
        Assert.Equal(4001, closed.CloseStatus);
        Assert.Equal("bye", closed.CloseReason);
        Assert.Equal(WebSocketState.Closed, client.State);
        ClientFrame echo = Assert.Single(await ClientFramesAsync(server));
        Assert.Equal(0x8, echo.Opcode);
        Assert.Equal(new byte[] { 0x0F, 0xA1 }, echo.Payload);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task After_the_client_sent_its_Close_frame_no_message_or_ping_may_follow(bool async)
    {
        var closeArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received))
            .ReceiveBytes(BareCloseFrameLength)
            .Respond(_ => Signal(closeArrived))
            .Pause(release.Task)
            .Send(ServerFrames.Close(1000))
            .Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        Task closing = async ? client.CloseAsync().AsTask() : Task.Run(() => client.Close());

        await closeArrived.Task;
        // The state moves to CloseSent right after the write returns, which may be a moment after the server has the bytes.
        Assert.True(SpinWait.SpinUntil(() => client.State == WebSocketState.CloseSent, TimeSpan.FromSeconds(30)));
        WebSocketClosedException tooLate = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("too late", async));
        Assert.Contains("already sent its Close frame", tooLate.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            if (async)
            {
                await client.PingAsync();
            }
            else
            {
                client.Ping();
            }
        });
        release.SetResult();
        await closing;

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1000, client.CloseStatus);
        ClientFrame close = Assert.Single(await ClientFramesAsync(server));
        Assert.Equal(1000, close.CloseCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task While_closing_the_client_discards_data_and_owes_no_Pong(bool async)
    {
        byte[] late = ServerFrames.Concat(
            ServerFrames.Text("disc", fin: false), ServerFrames.Frame(0x0, true, "arded"u8.ToArray()), ServerFrames.Frame(0x9, true, "p"u8.ToArray()), ServerFrames.Close(1000, "ok"));
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received))
            .ReceiveBytes(BareCloseFrameLength)
            .Send(late)
            .Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);

        await client.CloseAsync(1000, null, async);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1000, client.CloseStatus);
        Assert.Equal("ok", client.CloseReason);
        Assert.Equal(0x8, Assert.Single(await ClientFramesAsync(server)).Opcode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_protocol_violation_while_closing_ends_the_close_quietly_with_the_violations_code(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received))
            .ReceiveBytes(BareCloseFrameLength)
            .Send(ServerFrames.Frame(0x3, true, [1]))
            .Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);

        await client.CloseAsync(1000, null, async);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1002, client.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_keeps_TCP_open_after_the_Close_frames_is_dropped_and_its_status_stands(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, ServerFrames.Close(1001, "moving"))).NeverRespond());
        var options = new WebSocketOptions { CloseTimeout = TimeSpan.FromMilliseconds(200) };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), options, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1001, closed.CloseStatus);
        Assert.Equal("moving", closed.CloseReason);
        Assert.True(closed.IsNormalClosure);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1001, Assert.Single(await ClientFramesAsync(server)).CloseCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Closing_a_connection_the_server_already_reset_does_not_throw(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        await (await server.WaitForConnectionAsync(0)).Completion;

        await client.CloseAsync(1000, "bye", async);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_close_while_a_receive_waits_on_a_silent_server_drops_the_connection_after_the_close_timeout(bool asyncClose)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).NeverRespond());
        var options = new WebSocketOptions { CloseTimeout = TimeSpan.FromMilliseconds(200) };
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server), options);
        // The receive holds the read side once ReceiveAsync returns: the close leaves the server's answer to it.
        Task<WebSocketMessage> pending = client.ReceiveAsync().AsTask();

        await client.CloseAsync(1000, null, asyncClose);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
        Assert.Contains("did not answer the Close frame", client.CloseReason, StringComparison.Ordinal);
        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => pending);
        Assert.Equal(1006, closed.CloseStatus);
        Assert.IsType<TimeoutException>(closed.InnerException);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_receive_started_while_the_clients_close_reads_the_answer_waits_and_reports_the_final_status(bool async)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received))
            .ReceiveBytes(BareCloseFrameLength)
            .Pause(release.Task)
            .Send(ServerFrames.Close(4002, "later"))
            .Close());
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server), new WebSocketOptions { CloseTimeout = TimeSpan.FromSeconds(60) });
        // With no receive running, the close reads the server's answer itself: it holds the read side once it returns.
        ValueTask closing = client.CloseAsync(1000);

        Task<WebSocketMessage> receive = async ? client.ReceiveAsync().AsTask() : Task.Run(() => client.Receive());
        bool waited = !receive.IsCompleted;
        release.SetResult();
        await closing;
        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => receive);

        Assert.True(waited);
        Assert.Equal(4002, closed.CloseStatus);
        Assert.Equal("later", closed.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_failed_connection_waits_for_the_server_to_close_TCP_with_the_violations_code_already_known(bool async)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, ServerFrames.Frame(0x3, true, [1])))
            .ReceiveBytes(BareCloseFrameLength)
            .Respond(_ => Signal(answered))
            .Pause(release.Task)
            .Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { CloseTimeout = TimeSpan.FromSeconds(60) }, async);
        Task<WebSocketMessage> receive = async ? client.ReceiveAsync().AsTask() : Task.Run(() => client.Receive());

        await answered.Task;
        int? statusWhileWaiting = client.CloseStatus;
        // Nothing but the server's close (or the 60 s budget) may end the wait.
        bool endedEarly = SpinWait.SpinUntil(() => receive.IsCompleted, TimeSpan.FromMilliseconds(300));
        release.SetResult();
        WebSocketProtocolException violation = await Assert.ThrowsAsync<WebSocketProtocolException>(() => receive);

        Assert.Equal(1002, statusWhileWaiting);
        Assert.False(endedEarly);
        Assert.Equal(1002, violation.CloseCode);
        Assert.Equal(1002, client.CloseStatus);
        Assert.Equal(string.Empty, client.CloseReason);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    private static byte[] Signal(TaskCompletionSource reached)
    {
        reached.TrySetResult();
        return [];
    }

    private static async Task<List<ClientFrame>> ClientFramesAsync(ScriptedTcpServer server)
    {
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        return ServerFrames.ParseClientFrames(connection.Received);
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
