using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>Messages to and from ASP.NET Core's WebSocket echo, whole and streamed, over ws and wss.</summary>
public sealed class EchoTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private static readonly WebSocketOptions TrustTestCertificate = new() { Tls = TestTls.TrustTestCertificate() };

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Text_and_binary_messages_come_back_unchanged(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), TrustTestCertificate, async);

        await client.SendTextAsync("héllo wörld", async);
        WebSocketMessage text = await client.ReceiveAsync(async);
        byte[] payload = TestPayload.Create(100_000);
        await client.SendAsync(payload, WebSocketMessageType.Binary, async);
        WebSocketMessage binary = await client.ReceiveAsync(async);

        Assert.Equal(WebSocketMessageType.Text, text.Type);
        Assert.Equal("héllo wörld", text.Text);
        Assert.Equal(WebSocketMessageType.Binary, binary.Type);
        Assert.Equal(payload, binary.Data.ToArray());
        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Null(client.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Empty_and_many_messages_keep_their_order(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);

        await client.SendTextAsync(string.Empty, async);
        Assert.Equal(0, (await client.ReceiveAsync(async)).Length);
        for (int i = 0; i < 50; i++)
        {
            await client.SendTextAsync($"message {i}", async);
        }

        for (int i = 0; i < 50; i++)
        {
            Assert.Equal($"message {i}", (await client.ReceiveAsync(async)).Text);
        }
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_message_written_in_fragments_is_echoed_whole(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);
        byte[] payload = TestPayload.Create(300_000);

        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary))
        {
            for (int offset = 0; offset < 200_000; offset += 50_000)
            {
                if (async)
                {
                    await writer.WriteAsync(payload.AsMemory(offset, 50_000));
                }
                else
                {
                    writer.Write(payload.AsMemory(offset, 50_000));
                }
            }

            if (async)
            {
                await writer.CompleteAsync(payload.AsMemory(200_000));
            }
            else
            {
                writer.Complete(payload.AsMemory(200_000));
            }
        }

        WebSocketMessage echoed = await client.ReceiveAsync(async);

        Assert.Equal(payload, echoed.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_large_message_can_be_read_as_a_stream_in_small_pieces(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);
        byte[] payload = TestPayload.Create(3 * 1024 * 1024);
        await client.SendAsync(payload, WebSocketMessageType.Binary, async);

        using WebSocketMessageStream stream = async ? await client.ReceiveStreamAsync() : client.ReceiveStream();
        using var copy = new MemoryStream();
        byte[] piece = new byte[1000];
        int read;
        while ((read = async ? await stream.ReadAsync(piece, CancellationToken.None) : stream.Read(piece, 0, piece.Length)) > 0)
        {
            copy.Write(piece, 0, read);
        }

        Assert.Equal(WebSocketMessageType.Binary, stream.MessageType);
        Assert.Equal(payload, copy.ToArray());

        // The stream released the receiver: the next message is received normally.
        await client.SendTextAsync("after", async);
        Assert.Equal("after", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_stream_disposed_early_skips_the_rest_of_its_message(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);
        await client.SendAsync(TestPayload.Create(200_000), WebSocketMessageType.Binary, async);
        await client.SendTextAsync("next", async);

        using (WebSocketMessageStream stream = client.ReceiveStream())
        {
            Assert.Equal(10, stream.Read(new byte[10], 0, 10));
        }

        Assert.Equal("next", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task ReceiveInto_writes_the_payload_to_the_callers_buffer(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);
        await client.SendTextAsync("into a buffer", async);
        var buffer = new ArrayBufferWriter<byte>();

        WebSocketMessageType type = async ? await client.ReceiveIntoAsync(buffer) : client.ReceiveInto(buffer);

        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal("into a buffer", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public async Task ReadMessagesAsync_yields_messages_and_ends_after_a_normal_close()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));
        await client.SendTextAsync("one");
        await client.SendTextAsync("two");
        int seen = 0;

        await foreach (WebSocketMessage message in client.ReadMessagesAsync())
        {
            seen++;
            if (seen == 2)
            {
                Assert.Equal("two", message.Text);
                await client.CloseAsync();
            }
        }

        Assert.Equal(2, seen);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1000, client.CloseStatus);
    }
}
