using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// A connection that fails under a read or a write: status 1006, the cause kept as the inner exception, and a message
/// that names the endpoint. Also the masking of what the client sends (RFC 6455 §5.3): a fresh key for every frame.
/// </summary>
public sealed class ConnectionLossTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_reset_under_a_receive_names_the_endpoint_and_keeps_the_cause(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        Assert.Equal(string.Empty, closed.CloseReason);
        Assert.Contains(server.Port.ToString(CultureInfo.InvariantCulture), closed.Message, StringComparison.Ordinal);
        Assert.Contains("while reading from", closed.Message, StringComparison.Ordinal);
        // An end of stream has no cause; a reset has the I/O failure itself (no keep-alive was involved).
        Assert.NotNull(closed.InnerException);
        Assert.IsNotType<TimeoutException>(closed.InnerException);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(string.Empty, client.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_ends_TCP_without_a_Close_frame_leaves_the_client_closed_with_1006_and_no_reason(bool async)
    {
        await using var server = new ScriptedTcpServer(ServerFrames.HandshakeThen(ServerFrames.Text("last")));
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);

        Assert.Equal("last", (await client.ReceiveAsync(async)).Text);
        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        Assert.Equal(1006, closed.CloseStatus);
        Assert.Contains("without a Close frame", closed.Message, StringComparison.Ordinal);
        Assert.Null(closed.InnerException);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
        Assert.Equal(string.Empty, client.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_failed_write_names_the_endpoint_and_later_sends_report_the_closed_connection(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort());
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        await (await server.WaitForConnectionAsync(0)).Completion;
        byte[] large = new byte[256 * 1024];

        // The first writes may still land in the socket buffers; one of them fails.
        WebSocketClosedException failed = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                await client.SendAsync(large, WebSocketMessageType.Binary, async);
            }
        });

        Assert.Equal(1006, failed.CloseStatus);
        Assert.Contains(server.Port.ToString(CultureInfo.InvariantCulture), failed.Message, StringComparison.Ordinal);
        Assert.Contains("while writing to", failed.Message, StringComparison.Ordinal);
        Assert.NotNull(failed.InnerException);
        Assert.Equal(WebSocketState.Closed, client.State);
        WebSocketClosedException later = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("x", async));
        Assert.Equal(1006, later.CloseStatus);
        Assert.Contains("nothing was sent", later.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Every_frame_is_masked_with_a_fresh_key(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).NeverRespond());
        WebSocketClient client = await Modes.ConnectAsync(UriOf(server), null, async);
        const int Count = 150;

        for (int i = 0; i < Count; i++)
        {
            await client.SendTextAsync($"#{i}", async);
        }

        client.Dispose();
        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion;
        List<ClientFrame> frames = ServerFrames.ParseClientFrames(connection.Received);
        Assert.Equal(Count, frames.Count);
        Assert.All(frames, frame => Assert.True(frame.Masked));
        Assert.Equal($"#{Count - 1}", System.Text.Encoding.UTF8.GetString(frames[^1].Payload));
        // 150 random 32-bit keys collide with a probability near 3e-6.
        Assert.Equal(Count, new HashSet<uint>(frames.ConvertAll(f => f.MaskingKey)).Count);
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
