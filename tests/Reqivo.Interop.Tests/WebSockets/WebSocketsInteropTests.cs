using System;
using System.Threading.Tasks;
using Reqivo.WebSockets;

namespace Reqivo.Interop.Tests.WebSockets;

/// <summary>Reqivo's WebSocket client against python3-websockets, an implementation no one here wrote.</summary>
public sealed class WebSocketsInteropTests(WebSocketsServer server) : IClassFixture<WebSocketsServer>
{
    public static TheoryData<bool> SyncAndAsync => new() { false, true };

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task Text_and_binary_messages_up_to_several_MiB_are_echoed(bool async)
    {
        using WebSocketClient client = await ConnectAsync(server.Uri("/echo"), null, async);

        foreach (int size in new[] { 0, 125, 126, 65_535, 65_536, 1_000_000, 6 * 1024 * 1024 })
        {
            byte[] payload = TestPayloadOf(size);
            await SendAsync(client, payload, WebSocketMessageType.Binary, async);
            WebSocketMessage binary = async ? await client.ReceiveAsync() : client.Receive();
            Assert.Equal(WebSocketMessageType.Binary, binary.Type);
            Assert.Equal(payload, binary.Data.ToArray());
        }

        string text = string.Concat(System.Linq.Enumerable.Repeat("ünïcødé ✓ ", 300_000));
        if (async)
        {
            await client.SendTextAsync(text);
        }
        else
        {
            client.SendText(text);
        }

        WebSocketMessage echoed = async ? await client.ReceiveAsync() : client.Receive();
        Assert.Equal(WebSocketMessageType.Text, echoed.Type);
        Assert.Equal(text, echoed.Text);
        await CloseAsync(client, 1000, async);
        Assert.Equal(1000, client.CloseStatus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_are_echoed_over_a_connection_with_its_own_read_thread(bool deflate)
    {
        var options = new WebSocketOptions
        {
            Transport = new Reqivo.Transport.SocketTransport { DedicatedReadThread = true },
            PerMessageDeflate = deflate ? new Protocol.WebSockets.PerMessageDeflateOptions() : null,
        };
        using WebSocketClient client = await WebSocketClient.ConnectAsync(server.Uri("/echo"), options);

        foreach (int size in new[] { 0, 125, 65_536, 6 * 1024 * 1024 })
        {
            byte[] payload = TestPayloadOf(size);
            await client.SendAsync(payload, WebSocketMessageType.Binary);
            Assert.Equal(payload, (await client.ReceiveAsync()).Data.ToArray());
        }

        await client.SendTextAsync("ünïcødé ✓");
        Assert.Equal("ünïcødé ✓", (await client.ReceiveAsync()).Text);
        await client.CloseAsync(1000);
        Assert.Equal(1000, client.CloseStatus);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Messages_are_echoed_with_permessage_deflate_on_and_off(bool deflate, bool async)
    {
        var options = new WebSocketOptions { PerMessageDeflate = deflate ? new Protocol.WebSockets.PerMessageDeflateOptions() : null };
        using WebSocketClient client = await ConnectAsync(server.Uri("/echo"), options, async);
        string compressible = string.Concat(System.Linq.Enumerable.Repeat("the same words again and again ", 100_000));
        byte[] random = new byte[2 * 1024 * 1024];
        new Random(7).NextBytes(random);

        if (deflate)
        {
            Assert.StartsWith("permessage-deflate", client.Extensions, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(client.Extensions);
        }

        for (int round = 0; round < 3; round++)
        {
            client.SendText(compressible);
            Assert.Equal(compressible, (async ? await client.ReceiveAsync() : client.Receive()).Text);
            client.SendText("short");
            Assert.Equal("short", (async ? await client.ReceiveAsync() : client.Receive()).Text);
        }

        await SendAsync(client, random, WebSocketMessageType.Binary, async);
        Assert.Equal(random, (async ? await client.ReceiveAsync() : client.Receive()).Data.ToArray());

        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text))
        {
            writer.Write(System.Text.Encoding.UTF8.GetBytes(compressible));
            writer.Complete(System.Text.Encoding.UTF8.GetBytes("end"));
        }

        Assert.Equal(compressible + "end", (async ? await client.ReceiveAsync() : client.Receive()).Text);
        await CloseAsync(client, 1000, async);
    }

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task A_fragmented_message_is_reassembled_by_the_server(bool async)
    {
        using WebSocketClient client = await ConnectAsync(server.Uri("/echo"), null, async);
        byte[] payload = TestPayloadOf(200_000);

        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary))
        {
            for (int offset = 0; offset < payload.Length; offset += 50_000)
            {
                ReadOnlyMemory<byte> piece = payload.AsMemory(offset, 50_000);
                if (offset + 50_000 == payload.Length)
                {
                    writer.Complete(piece);
                }
                else
                {
                    writer.Write(piece);
                }
            }
        }

        Assert.Equal(payload, (async ? await client.ReceiveAsync() : client.Receive()).Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task The_servers_ping_is_answered_and_our_ping_gets_a_pong(bool async)
    {
        using WebSocketClient client = await ConnectAsync(server.Uri("/ping"), null, async);
        var pong = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.PongReceived += (_, e) => pong.TrySetResult(e.Payload.ToArray());

        // The server pings first and speaks only once our automatic pong arrived.
        Assert.Equal("pong received", (async ? await client.ReceiveAsync() : client.Receive()).Text);

        client.Ping("reqivo"u8.ToArray());
        client.SendText("after ping");
        Assert.Equal("after ping", (async ? await client.ReceiveAsync() : client.Receive()).Text);
        Assert.Equal("reqivo"u8.ToArray(), await pong.Task);
    }

    [Theory]
    [InlineData(1000, "bye", false)]
    [InlineData(1001, "going", true)]
    [InlineData(4321, "custom", false)]
    [InlineData(1011, "", true)]
    public async Task A_server_close_reports_its_code_and_reason(int code, string reason, bool async)
    {
        using WebSocketClient client = await ConnectAsync(server.Uri($"/close?code={code}&reason={reason}"), null, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            if (async)
            {
                await client.ReceiveAsync();
            }
            else
            {
                client.Receive();
            }
        });

        Assert.Equal(code, closed.CloseStatus);
        Assert.Equal(reason, closed.CloseReason);
        Assert.Equal(code, client.CloseStatus);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Theory]
    [InlineData(4000, false)]
    [InlineData(1000, true)]
    public async Task A_client_close_is_answered_with_the_same_code(int code, bool async)
    {
        using WebSocketClient client = await ConnectAsync(server.Uri("/echo"), null, async);

        await CloseAsync(client, code, async);

        Assert.Equal(code, client.CloseStatus);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    internal static async Task<WebSocketClient> ConnectAsync(Uri uri, WebSocketOptions? options, bool async) =>
        async ? await WebSocketClient.ConnectAsync(uri, options) : WebSocketClient.Connect(uri, options);

    /// <summary>Byte i is i % 251, so a shifted or truncated echo never matches.</summary>
    internal static byte[] TestPayloadOf(int size)
    {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++)
        {
            payload[i] = (byte)(i % 251);
        }

        return payload;
    }

    private static async Task SendAsync(WebSocketClient client, byte[] payload, WebSocketMessageType type, bool async)
    {
        if (async)
        {
            await client.SendAsync(payload, type);
        }
        else
        {
            client.Send(payload, type);
        }
    }

    private static async Task CloseAsync(WebSocketClient client, int code, bool async)
    {
        if (async)
        {
            await client.CloseAsync(code);
        }
        else
        {
            client.Close(code);
        }
    }
}
