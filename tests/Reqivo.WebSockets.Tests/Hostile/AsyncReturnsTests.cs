using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// Every asynchronous call returns to its caller while it waits for the peer, instead of blocking the calling thread:
/// each test holds the server back until the pending call has been observed incomplete. A call that blocked would
/// keep the test's thread until the server's safety release (30 s) and then be seen complete.
/// </summary>
public sealed class AsyncReturnsTests
{
    // Larger than what the loopback socket buffers take while the server does not read (about 4 MiB here).
    private const int Large = 16 << 20;
    private const int LargeFrameLength = 2 + 8 + 4 + Large;
    private static readonly TimeSpan SafetyRelease = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConnectAsync_returns_while_the_server_has_not_answered_the_upgrade(bool throughSession)
    {
        TaskCompletionSource release = HeldBack();
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Pause(release.Task)
            .Respond(received => ServerFrames.Accept(received)).NeverRespond());
        using var session = new Session(new SessionOptions());

        ValueTask<WebSocketClient> connecting = throughSession
            ? session.ConnectWebSocketAsync(UriOf(server).ToString())
            : WebSocketClient.ConnectAsync(UriOf(server));
        bool returnedEarly = !connecting.IsCompleted;
        release.TrySetResult();
        using WebSocketClient client = await connecting;

        Assert.True(returnedEarly);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("text")]
    [InlineData("writer")]
    public async Task A_large_send_returns_while_the_server_does_not_read(string how)
    {
        TaskCompletionSource release = HeldBack();
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received)).Pause(release.Task).ReceiveBytes(LargeFrameLength).NeverRespond());
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server));
        byte[] payload = new byte[Large];
        Array.Fill(payload, (byte)'x');
        WebSocketMessageWriter? writer = how == "writer" ? client.BeginMessage(WebSocketMessageType.Binary) : null;

        ValueTask sending = how switch
        {
            "binary" => client.SendAsync(payload),
            "text" => client.SendTextAsync(new string('x', Large)),
            _ => writer!.WriteAsync(payload),
        };
        bool returnedEarly = !sending.IsCompleted;
        release.TrySetResult();
        await sending;

        Assert.True(returnedEarly);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        Assert.True(SpinWait.SpinUntil(() => ServerFrames.ParseClientFrames(connection.Received).Count == 1, SafetyRelease));
    }

    [Fact]
    public async Task Completing_a_message_returns_while_the_server_does_not_read()
    {
        TaskCompletionSource first = HeldBack();
        TaskCompletionSource second = HeldBack();
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received)).Pause(first.Task).ReceiveBytes(LargeFrameLength)
            .Pause(second.Task).ReceiveBytes(LargeFrameLength).NeverRespond());
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server));
        byte[] payload = new byte[Large];
        await using WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary);

        ValueTask writing = writer.WriteAsync(payload);
        first.TrySetResult();
        await writing;
        ValueTask completing = writer.CompleteAsync(payload);
        bool returnedEarly = !completing.IsCompleted;
        second.TrySetResult();
        await completing;

        Assert.True(returnedEarly);
    }

    [Fact]
    public async Task A_ping_behind_a_pending_send_returns_while_it_waits_for_the_writer()
    {
        TaskCompletionSource release = HeldBack();
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received)).Pause(release.Task).ReceiveBytes(LargeFrameLength + 2 + 4 + 1).NeverRespond());
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server));
        ValueTask sending = client.SendAsync(new byte[Large]);

        ValueTask pinging = client.PingAsync("p"u8.ToArray());
        bool returnedEarly = !pinging.IsCompleted;
        release.TrySetResult();
        await sending;
        await pinging;

        Assert.True(returnedEarly);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        Assert.True(SpinWait.SpinUntil(() => ServerFrames.ParseClientFrames(connection.Received).Count == 2, SafetyRelease));
        Assert.Equal(0x9, ServerFrames.ParseClientFrames(connection.Received)[1].Opcode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_stream_read_returns_while_the_rest_of_the_message_is_on_its_way(bool arrayOverload)
    {
        TaskCompletionSource release = HeldBack();
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, ServerFrames.Text("first ", fin: false)))
            .Pause(release.Task).Send(ServerFrames.Frame(0x0, true, "second"u8.ToArray())).NeverRespond());
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server));
        await using WebSocketMessageStream stream = await client.ReceiveStreamAsync();
        byte[] buffer = new byte[64];
        Assert.Equal(6, await stream.ReadAsync(buffer.AsMemory(), CancellationToken.None));

        Task<int> reading = arrayOverload ? stream.ReadAsync(buffer, 0, buffer.Length) : stream.ReadAsync(buffer.AsMemory(), CancellationToken.None).AsTask();
        bool returnedEarly = !reading.IsCompleted;
        release.TrySetResult();

        Assert.Equal(6, await reading);
        Assert.True(returnedEarly);
    }

    [Fact]
    public async Task CloseAsync_while_a_receive_runs_returns_while_the_server_has_not_answered()
    {
        TaskCompletionSource release = HeldBack();
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received)).ReceiveBytes(2 + 4 + 2).Pause(release.Task)
            .Send(ServerFrames.Close(1000)).Close());
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server), new WebSocketOptions { CloseTimeout = SafetyRelease * 2 });
        Task<WebSocketMessage> receiving = client.ReceiveAsync().AsTask();

        ValueTask closing = client.CloseAsync();
        bool returnedEarly = !closing.IsCompleted;
        release.TrySetResult();
        await closing;

        Assert.True(returnedEarly);
        Assert.Equal(1000, client.CloseStatus);
        await Assert.ThrowsAsync<WebSocketClosedException>(() => receiving);
    }

    /// <summary>A gate the test opens itself; it opens on its own after <see cref="SafetyRelease"/> so a blocked call cannot hang the run.</summary>
    private static TaskCompletionSource HeldBack()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Delay(SafetyRelease).ContinueWith(_ => gate.TrySetResult(), TaskScheduler.Default);
        return gate;
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
