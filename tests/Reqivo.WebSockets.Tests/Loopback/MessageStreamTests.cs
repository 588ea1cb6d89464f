using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

// The array overloads of ReadAsync are members under test here, not a performance choice.
#pragma warning disable CA1835

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// <see cref="WebSocketMessageStream"/> over fragmented messages from a scripted server: every read form, zero-length
/// reads, the end of the message, early disposal, the receiver slot it holds, and the members it does not support.
/// </summary>
public sealed class MessageStreamTests
{
    private static readonly byte[] Fragmented = ServerFrames.Concat(
        ServerFrames.Text("abc", fin: false),
        ServerFrames.Frame(0x0, false, "def"u8.ToArray()),
        ServerFrames.Frame(0x0, true, "ghi"u8.ToArray()),
        ServerFrames.Text("next"),
        ServerFrames.Close(1000));

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Every_read_form_returns_the_payload_in_order_and_zero_at_the_end(bool async)
    {
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(Fragmented));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        using WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();
        var text = new StringBuilder();
        byte[] array = new byte[8];

        Assert.Equal(WebSocketMessageType.Text, stream.MessageType);
        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);

        // A zero-length read returns 0 without ending the message.
        Assert.Equal(0, async ? await stream.ReadAsync(Memory<byte>.Empty, CancellationToken.None) : stream.Read(Span<byte>.Empty));
        Assert.Equal(0, async ? await stream.ReadAsync(array, 0, 0) : stream.Read(array, 0, 0));
        Assert.True(stream.CanRead);

        int read = async ? await stream.ReadAsync(array, 1, 2) : stream.Read(array, 1, 2);
        text.Append(Encoding.ASCII.GetString(array, 1, read));
        byte[] four = new byte[4];
        if (async)
        {
            read = await stream.ReadAsync(four.AsMemory(), CancellationToken.None);
        }
        else
        {
            read = stream.Read(four.AsSpan());
        }

        text.Append(Encoding.ASCII.GetString(four, 0, read));
        while (text.Length < 9)
        {
            read = async ? await stream.ReadAsync(array, 0, array.Length, CancellationToken.None) : stream.Read(array, 0, array.Length);
            Assert.NotEqual(0, read);
            text.Append(Encoding.ASCII.GetString(array, 0, read));
        }

        Assert.Equal("abcdefghi", text.ToString());

        // Every byte was read but the end not yet seen: a zero-length read still does not look for it.
        Assert.Equal(0, async ? await stream.ReadAsync(Memory<byte>.Empty, CancellationToken.None) : stream.Read(array, 0, 0));
        Assert.True(stream.CanRead);
        Assert.Equal(0, async ? await stream.ReadAsync(array, CancellationToken.None) : stream.Read(array));
        Assert.False(stream.CanRead);

        // The stream released the receiver at its end.
        Assert.Equal("next", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task While_a_stream_is_open_no_other_receive_may_start_and_disposing_it_early_skips_every_remaining_fragment(bool async)
    {
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(Fragmented));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();
        byte[] one = new byte[1];

        Assert.Equal(1, async ? await stream.ReadAsync(one, CancellationToken.None) : stream.Read(one, 0, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ReceiveAsync(async));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => _ = async ? await client.ReceiveStreamAsync() : client.ReceiveStream());
        if (async)
        {
            await stream.DisposeAsync();
        }
        else
        {
            stream.Dispose();
        }

        Assert.False(stream.CanRead);
        Assert.Throws<ObjectDisposedException>(() => stream.Read(one, 0, 1));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(one, CancellationToken.None).AsTask());
        Assert.Equal("next", (await client.ReceiveAsync(async)).Text);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_stream_disposed_right_after_it_started_skips_its_whole_message(bool async)
    {
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(Fragmented));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);

        (async ? await client.ReceiveStreamAsync() : client.ReceiveStream()).Dispose();

        Assert.Equal("next", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_connection_lost_mid_message_fails_the_read_and_frees_the_receiver(bool async)
    {
        await using var server = new ScriptedTcpServer(
            new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received, ServerFrames.Frame(0x2, false, [1, 2, 3]))).Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        using WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();
        byte[] buffer = new byte[16];

        Assert.Equal(WebSocketMessageType.Binary, stream.MessageType);
        Assert.Equal(3, async ? await stream.ReadAsync(buffer, CancellationToken.None) : stream.Read(buffer, 0, buffer.Length));
        WebSocketClosedException lost = await Assert.ThrowsAsync<WebSocketClosedException>(async () => _ = async ? await stream.ReadAsync(buffer, CancellationToken.None) : stream.Read(buffer, 0, buffer.Length));

        Assert.Equal(1006, lost.CloseStatus);
        Assert.Contains(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), lost.Message, StringComparison.Ordinal);
        Assert.False(stream.CanRead);
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
        WebSocketClosedException next = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        Assert.Equal(1006, next.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_connection_lost_while_skipping_an_abandoned_message_fails_that_receive_and_frees_the_reader(bool async)
    {
        await using var server = new ScriptedTcpServer(
            new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received, ServerFrames.Text("ab", fin: false))).Close());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        using (WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream())
        {
            Assert.Equal(1, stream.Read(new byte[1], 0, 1));
        }

        WebSocketClosedException skipping = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        WebSocketClosedException next = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, skipping.CloseStatus);
        Assert.Equal(1006, next.CloseStatus);
    }

    [Fact]
    public async Task Buffer_arguments_are_checked_and_seeking_writing_and_length_are_not_supported()
    {
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(Fragmented));
        using WebSocketClient client = await WebSocketClient.ConnectAsync(UriOf(server));
        using WebSocketMessageStream stream = await client.ReceiveStreamAsync();
        byte[] buffer = new byte[4];

        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => stream.Read(null!, 0, 1)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => stream.Read(buffer, -1, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => stream.Read(buffer, 2, 3)).ParamName);
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => { _ = stream.ReadAsync(null!, 0, 1, CancellationToken.None); }).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = stream.ReadAsync(buffer, 0, -1, CancellationToken.None); }).ParamName);
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Position);
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(0));
        Assert.Throws<NotSupportedException>(() => stream.Write(buffer, 0, 1));
        stream.Flush();

        // None of that consumed anything.
        Assert.Equal(3, stream.Read(buffer, 0, 4));
        Assert.Equal("abc"u8.ToArray(), buffer[..3]);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_compressed_message_is_streamed_from_memory_and_frees_the_receiver_at_once(bool async)
    {
        byte[] payload = TestPayload.Create(5000);
        byte[] frames = ServerFrames.Concat(ServerFrames.Frame(0x2, true, ServerFrames.Deflated(payload), rsv1: true), ServerFrames.Text("next"));
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, frames, extraFields: "Sec-WebSocket-Extensions: permessage-deflate\r\n")).NeverRespond());
        var options = new WebSocketOptions { PerMessageDeflate = new Protocol.WebSockets.PerMessageDeflateOptions() };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), options, async);
        using WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();

        // The message was inflated whole: the receiver is free while the stream is still open.
        Assert.Equal("next", (await client.ReceiveAsync(async)).Text);

        using var copy = new MemoryStream();
        byte[] piece = new byte[999];
        Assert.Equal(0, async ? await stream.ReadAsync(Memory<byte>.Empty, CancellationToken.None) : stream.Read(piece, 0, 0));
        int read;
        while ((read = async ? await stream.ReadAsync(piece, CancellationToken.None) : stream.Read(piece, 0, piece.Length)) > 0)
        {
            Assert.True(stream.CanRead);
            copy.Write(piece, 0, read);
        }

        Assert.Equal(WebSocketMessageType.Binary, stream.MessageType);
        Assert.Equal(payload, copy.ToArray());
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
