using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// <see cref="WebSocketMessageWriter"/> as a scripted server records it: the frames of a streamed message (RFC 6455
/// §5.4), the sender slot it holds, and what completing or disposing it does to the connection.
/// </summary>
public sealed class MessageWriterTests
{
    private static ScriptedTcpServer RecordingServer() =>
        new(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).NeverRespond());

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_first_frame_carries_the_opcode_the_others_are_continuations_and_empty_writes_are_skipped(bool async)
    {
        await using ScriptedTcpServer server = RecordingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text);

        await WriteAsync(writer, ReadOnlyMemory<byte>.Empty, async);
        await WriteAsync(writer, "ab"u8.ToArray(), async);
        await WriteAsync(writer, ReadOnlyMemory<byte>.Empty, async);
        await WriteAsync(writer, "cd"u8.ToArray(), async);
        await CompleteAsync(writer, ReadOnlyMemory<byte>.Empty, async);

        Assert.Equal(WebSocketMessageType.Text, writer.Type);
        Assert.Equal(WebSocketState.Open, client.State);
        List<ClientFrame> frames = await FramesAfterDisposeAsync(server, client);
        Assert.Equal(3, frames.Count);
        Assert.Equal((0x1, false, "ab"), Describe(frames[0]));
        Assert.Equal((0x0, false, "cd"), Describe(frames[1]));
        Assert.Equal((0x0, true, string.Empty), Describe(frames[2]));
        Assert.All(frames, frame => Assert.True(frame.Masked));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Complete_without_earlier_writes_sends_one_final_frame_and_frees_the_sender(bool async)
    {
        await using ScriptedTcpServer server = RecordingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary);

        await CompleteAsync(writer, "xyz"u8.ToArray(), async);
        writer.Dispose();
        await writer.DisposeAsync();
        await client.SendTextAsync("after", async);

        Assert.Equal(WebSocketMessageType.Binary, writer.Type);
        Assert.Equal(WebSocketState.Open, client.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => WriteAsync(writer, "late"u8.ToArray(), async));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => CompleteAsync(writer, ReadOnlyMemory<byte>.Empty, async));
        List<ClientFrame> frames = await FramesAfterDisposeAsync(server, client);
        Assert.Equal([(0x2, true, "xyz"), (0x1, true, "after")], frames.ConvertAll(Describe));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Disposing_a_writer_that_sent_nothing_frees_the_sender_and_keeps_the_connection(bool async)
    {
        await using ScriptedTcpServer server = RecordingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text);
        await WriteAsync(writer, ReadOnlyMemory<byte>.Empty, async);

        if (async)
        {
            await writer.DisposeAsync();
        }
        else
        {
            writer.Dispose();
        }

        await client.SendTextAsync("whole", async);

        Assert.Equal(WebSocketState.Open, client.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => WriteAsync(writer, "late"u8.ToArray(), async));
        List<ClientFrame> frames = await FramesAfterDisposeAsync(server, client);
        Assert.Equal([(0x1, true, "whole")], frames.ConvertAll(Describe));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Disposing_a_writer_mid_message_aborts_the_connection(bool async)
    {
        await using ScriptedTcpServer server = RecordingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary);
        await WriteAsync(writer, "part"u8.ToArray(), async);

        if (async)
        {
            await writer.DisposeAsync();
        }
        else
        {
            writer.Dispose();
        }

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => CompleteAsync(writer, "rest"u8.ToArray(), async));
        // The sender slot was released: a send reports the closed connection.
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("x", async));
        List<ClientFrame> frames = await FramesAfterDisposeAsync(server, client);
        Assert.Equal([(0x2, false, "part")], frames.ConvertAll(Describe));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_write_that_fails_finishes_the_writer_and_frees_the_sender(bool async)
    {
        await using ScriptedTcpServer server = RecordingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary);
        client.Abort();

        WebSocketClosedException failed = await Assert.ThrowsAsync<WebSocketClosedException>(() => WriteAsync(writer, "x"u8.ToArray(), async));

        Assert.Equal(1006, failed.CloseStatus);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => WriteAsync(writer, "x"u8.ToArray(), async));
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("x", async));
        Assert.Empty(await FramesAfterDisposeAsync(server, client));
    }

    private static async Task WriteAsync(WebSocketMessageWriter writer, ReadOnlyMemory<byte> data, bool async)
    {
        if (async)
        {
            await writer.WriteAsync(data);
        }
        else
        {
            writer.Write(data);
        }
    }

    private static async Task CompleteAsync(WebSocketMessageWriter writer, ReadOnlyMemory<byte> data, bool async)
    {
        if (async)
        {
            await writer.CompleteAsync(data);
        }
        else
        {
            writer.Complete(data);
        }
    }

    /// <summary>Drops the client (the server then sees the end of the stream) and returns the frames it sent.</summary>
    private static async Task<List<ClientFrame>> FramesAfterDisposeAsync(ScriptedTcpServer server, WebSocketClient client)
    {
        client.Dispose();
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        return ServerFrames.ParseClientFrames(connection.Received);
    }

    private static (int Opcode, bool Fin, string Payload) Describe(ClientFrame frame) =>
        (frame.Opcode, frame.Fin, System.Text.Encoding.UTF8.GetString(frame.Payload));

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
