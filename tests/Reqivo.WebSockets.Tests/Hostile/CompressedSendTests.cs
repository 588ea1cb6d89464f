using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// What the client sends once permessage-deflate is agreed (RFC 7692 §6.1), as a scripted server records it: whole
/// messages below the threshold go out plain, the others compressed with RSV1; a streamed message is compressed with
/// RSV1 on its first frame only.
/// </summary>
public sealed class CompressedSendTests
{
    private static readonly WebSocketOptions ThresholdTen = new() { PerMessageDeflate = new PerMessageDeflateOptions { CompressionThreshold = 10 } };

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Whole_messages_from_the_threshold_up_are_compressed_with_RSV1(bool async)
    {
        await using ScriptedTcpServer server = AgreeingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), ThresholdTen, async);

        await client.SendTextAsync("123456789", async);
        await client.SendTextAsync("1234567890", async);
        await client.SendAsync(new byte[500], WebSocketMessageType.Binary, async);

        List<ClientFrame> frames = await FramesAfterDisposeAsync(server, client);
        Assert.Equal(3, frames.Count);
        Assert.False(frames[0].Rsv1);
        Assert.Equal("123456789"u8.ToArray(), frames[0].Payload);
        Assert.True(frames[1].Rsv1);
        Assert.Equal("1234567890"u8.ToArray(), Inflate(frames[1].Payload));
        Assert.True(frames[2].Rsv1);
        Assert.Equal(0x2, frames[2].Opcode);
        Assert.True(frames[2].Payload.Length < 500);
        Assert.Equal(new byte[500], Inflate(frames[2].Payload));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_streamed_message_is_compressed_with_RSV1_on_its_first_frame_only(bool async)
    {
        await using ScriptedTcpServer server = AgreeingServer();
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), ThresholdTen, async);

        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text))
        {
            if (async)
            {
                await writer.WriteAsync("ab"u8.ToArray());
                await writer.WriteAsync("cd"u8.ToArray());
                await writer.CompleteAsync("ef"u8.ToArray());
            }
            else
            {
                writer.Write("ab"u8.ToArray());
                writer.Write("cd"u8.ToArray());
                writer.Complete("ef"u8.ToArray());
            }
        }

        List<ClientFrame> frames = await FramesAfterDisposeAsync(server, client);
        Assert.Equal([true, false, false], frames.ConvertAll(f => f.Rsv1));
        Assert.Equal([0x1, 0x0, 0x0], frames.ConvertAll(f => f.Opcode));
        Assert.Equal([false, false, true], frames.ConvertAll(f => f.Fin));
        Assert.Equal("abcdef"u8.ToArray(), Inflate([.. frames.SelectMany(f => f.Payload)]));
    }

    private static ScriptedTcpServer AgreeingServer() =>
        new(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, extraFields: "Sec-WebSocket-Extensions: permessage-deflate\r\n"))
            .NeverRespond());

    /// <summary>RFC 7692 §7.2.2: append 00 00 FF FF and inflate.</summary>
    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new MemoryStream([.. compressed, 0x00, 0x00, 0xFF, 0xFF]);
        using var inflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    private static async Task<List<ClientFrame>> FramesAfterDisposeAsync(ScriptedTcpServer server, WebSocketClient client)
    {
        client.Dispose();
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        return ServerFrames.ParseClientFrames(connection.Received);
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
