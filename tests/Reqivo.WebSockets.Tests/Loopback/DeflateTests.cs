using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>permessage-deflate (RFC 7692) with ASP.NET Core, and compressed frames from a hostile server.</summary>
public sealed class DeflateTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private static readonly WebSocketOptions Deflate = new() { PerMessageDeflate = new PerMessageDeflateOptions() };

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Compressed_messages_of_every_size_come_back_unchanged(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), Deflate, async);
        string text = string.Concat(Enumerable.Repeat("compress me, ünïcødé ", 20_000));
        byte[] random = new byte[300_000];
        new Random(42).NextBytes(random);

        Assert.StartsWith("permessage-deflate", client.Extensions, StringComparison.Ordinal);
        foreach (string message in new[] { "tiny", text, "tiny again", text })
        {
            await client.SendTextAsync(message, async);
            Assert.Equal(message, (await client.ReceiveAsync(async)).Text);
        }

        await client.SendAsync(random, WebSocketMessageType.Binary, async);
        Assert.Equal(random, (await client.ReceiveAsync(async)).Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_compressed_streamed_message_and_a_stream_read_work(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), Deflate, async);
        byte[] part = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("abcdefgh", 10_000)));

        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text))
        {
            writer.Write(part);
            writer.Write(part);
            writer.Complete(part);
        }

        using WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(WebSocketMessageType.Text, stream.MessageType);
        Assert.Equal(part.Length * 3, copy.Length);
        Assert.True(copy.ToArray().AsSpan(0, part.Length).SequenceEqual(part));
    }

    [Fact]
    public async Task Without_the_option_no_extension_is_offered()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));

        Assert.Null(client.Extensions);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_compressed_message_in_fragments_is_inflated_whole_and_only_text_is_checked_as_UTF8(bool async)
    {
        byte[] notUtf8 = [0x61, 0xC0, 0xAF, 0x62];
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("fragmented ünïcødé ", 50)));
        byte[] deflatedText = ServerFrames.Deflated(text);
        int half = deflatedText.Length / 2;
        byte[] frames = ServerFrames.Concat(
            ServerFrames.Frame(0x2, true, ServerFrames.Deflated(notUtf8), rsv1: true),
            ServerFrames.Frame(0x1, false, deflatedText[..half], rsv1: true),
            ServerFrames.Frame(0x0, true, deflatedText[half..]));
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, frames, extraFields: "Sec-WebSocket-Extensions: permessage-deflate\r\n")).NeverRespond());
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), Deflate, async);

        WebSocketMessage binary = await client.ReceiveAsync(async);
        WebSocketMessage whole = await client.ReceiveAsync(async);

        Assert.Equal(WebSocketMessageType.Binary, binary.Type);
        Assert.Equal(notUtf8, binary.Data.ToArray());
        Assert.Equal(WebSocketMessageType.Text, whole.Type);
        Assert.Equal(text, whole.Data.ToArray());
        Assert.Equal(WebSocketState.Open, client.State);
    }

    public static TheoryData<string, bool> HostileCases() => new()
    {
        { "corrupt", false }, { "corrupt", true }, { "bomb", false }, { "bomb", true }, { "utf8", false }, { "utf8", true },
        { "truncated-utf8", false }, { "truncated-utf8", true },
    };

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_bad_compressed_message_fails_the_connection_with_the_prescribed_code(string kind, bool async)
    {
        (byte[] frame, int code) = kind switch
        {
            "corrupt" => (ServerFrames.Frame(0x2, true, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF], rsv1: true), 1002),
            "bomb" => (ServerFrames.Frame(0x2, true, ServerFrames.Deflated(new byte[100_000]), rsv1: true), 1009),
            // Valid as far as it goes, but the message ends inside a three-byte sequence.
            "truncated-utf8" => (ServerFrames.Frame(0x1, true, ServerFrames.Deflated([0x61, 0xE2, 0x82]), rsv1: true), 1007),
            _ => (ServerFrames.Frame(0x1, true, ServerFrames.Deflated([0x61, 0xC0, 0xAF, 0x62]), rsv1: true), 1007),
        };
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, frame, extraFields: "Sec-WebSocket-Extensions: permessage-deflate\r\n")).Close());
        var options = new WebSocketOptions { PerMessageDeflate = new PerMessageDeflateOptions(), Limits = new WebSocketLimits { MaxMessageLength = 10_000 } };
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), options, async);

        ProtocolException error = await Assert.ThrowsAnyAsync<ProtocolException>(() => client.ReceiveAsync(async));

        Assert.Equal(code, client.CloseStatus);
        if (kind.EndsWith("utf8", StringComparison.Ordinal))
        {
            Assert.Equal(WebSocketViolation.InvalidUtf8, Assert.IsType<WebSocketProtocolException>(error).Violation);
        }

        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        Assert.Equal(code, Assert.Single(ServerFrames.ParseClientFrames(connection.Received)).CloseCode);
    }
}
