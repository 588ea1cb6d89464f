using System;
using System.Buffers;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// State, close status and reason after each kind of close, and what every operation does on a closed client:
/// receives and sends throw <see cref="WebSocketClosedException"/> with the status, closing again does nothing.
/// </summary>
public sealed class ClosedStateTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_open_client_has_no_close_status_and_a_client_close_without_reason_reports_an_empty_one(bool async)
    {
        using WebSocketClient client = await ConnectAsync("/ws/echo", async);

        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Null(client.CloseStatus);
        Assert.Null(client.CloseReason);

        await client.CloseAsync(1001, null, async);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1001, client.CloseStatus);
        Assert.Equal(string.Empty, client.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Closing_twice_and_disposing_after_a_close_keep_the_first_status(bool async)
    {
        WebSocketClient client = await ConnectAsync("/ws/echo", async);
        await client.CloseAsync(4000, "first", async);

        await client.CloseAsync(4999, "second", async);
        client.Abort();
        client.Dispose();
        client.Dispose();
        await client.DisposeAsync();

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(4000, client.CloseStatus);
        Assert.Equal("first", client.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Every_operation_after_a_client_close_throws_WebSocketClosedException_with_its_status(bool async)
    {
        using WebSocketClient client = await ConnectAsync("/ws/echo", async);
        await client.CloseAsync(4003, "over", async);

        var receive = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        var into = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            if (async)
            {
                await client.ReceiveIntoAsync(new ArrayBufferWriter<byte>());
            }
            else
            {
                client.ReceiveInto(new ArrayBufferWriter<byte>());
            }
        });
        var stream = await Assert.ThrowsAsync<WebSocketClosedException>(async () => _ = async ? await client.ReceiveStreamAsync() : client.ReceiveStream());
        var send = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("late", async));
        var ping = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
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
        WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text);
        var write = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            if (async)
            {
                await writer.CompleteAsync("late"u8.ToArray());
            }
            else
            {
                writer.Complete("late"u8.ToArray());
            }
        });

        foreach (WebSocketClosedException error in new[] { receive, into, stream, send, ping, write })
        {
            Assert.Equal(4003, error.CloseStatus);
            Assert.Equal("over", error.CloseReason);
            Assert.False(error.IsNormalClosure);
        }

        // None of the failures left the receiver or sender slot taken: the next calls fail the same way, not with InvalidOperationException.
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("again", async));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task After_a_server_close_a_client_close_does_nothing_and_sends_report_the_servers_status(bool async)
    {
        using WebSocketClient client = await ConnectAsync("/ws/close?code=4010&reason=gone", async);
        await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));

        await client.CloseAsync(1000, "too late", async);
        WebSocketClosedException send = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.SendTextAsync("x", async));

        Assert.Equal(4010, client.CloseStatus);
        Assert.Equal("gone", client.CloseReason);
        Assert.Equal(4010, send.CloseStatus);
        Assert.Equal("gone", send.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Dispose_of_an_open_client_drops_it_with_1006(bool async)
    {
        WebSocketClient client = await ConnectAsync("/ws/echo", async);

        if (async)
        {
            await client.DisposeAsync();
        }
        else
        {
            client.Dispose();
        }

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1006, client.CloseStatus);
        WebSocketClosedException receive = await Assert.ThrowsAsync<WebSocketClosedException>(() => client.ReceiveAsync(async));
        Assert.Equal(1006, receive.CloseStatus);
        Assert.False(receive.IsNormalClosure);
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, true)]
    [InlineData(999, false)]
    [InlineData(1002, false)]
    [InlineData(1005, false)]
    [InlineData(1006, false)]
    [InlineData(4000, false)]
    public void Only_1000_and_1001_are_normal_closures(int status, bool normal)
    {
        var inner = new TimeoutException();
        var error = new WebSocketClosedException(status, "why", "message", inner);

        Assert.Equal(normal, error.IsNormalClosure);
        Assert.Equal(status, error.CloseStatus);
        Assert.Equal("why", error.CloseReason);
        Assert.Equal("message", error.Message);
        Assert.Same(inner, error.InnerException);
        Assert.IsAssignableFrom<ReqivoException>(error);
    }

    [Fact]
    public async Task ReadMessagesAsync_ends_quietly_after_a_1001_close_from_the_server()
    {
        await using WebSocketClient client = await ConnectAsync("/ws/close?code=1001&reason=away", async: true);
        int count = 0;

        await foreach (WebSocketMessage message in client.ReadMessagesAsync())
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Equal(1001, client.CloseStatus);
    }

    [Fact]
    public async Task ReadMessagesAsync_throws_after_an_abnormal_close_from_the_server()
    {
        await using WebSocketClient client = await ConnectAsync("/ws/close?code=4500&reason=error", async: true);

        WebSocketClosedException closed = await Assert.ThrowsAsync<WebSocketClosedException>(async () =>
        {
            await foreach (WebSocketMessage message in client.ReadMessagesAsync())
            {
                Assert.Fail($"No message expected, got {message}.");
            }
        });

        Assert.Equal(4500, closed.CloseStatus);
    }

    [Fact]
    public async Task ReadMessagesAsync_ends_quietly_after_the_client_aborted()
    {
        await using WebSocketClient client = await ConnectAsync("/ws/echo", async: true);
        client.Abort();
        int count = 0;

        await foreach (WebSocketMessage message in client.ReadMessagesAsync())
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Equal(1006, client.CloseStatus);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task ReadMessagesAsync_ends_quietly_when_the_client_closes_with_an_application_code(bool asyncClose)
    {
        await using WebSocketClient client = await ConnectAsync("/ws/echo", async: true);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> reading = Task.Run(async () =>
        {
            int count = 0;
            await foreach (WebSocketMessage message in client.ReadMessagesAsync())
            {
                count++;
                first.TrySetResult();
            }

            return count;
        });
        await client.SendTextAsync("one");
        await first.Task;

        // 4000 is not a normal closure: only the client having asked for it makes the end quiet, whether the enumerator
        // is waiting for the next message (and sees the Close frame) or starts its next receive while the close reads it.
        await client.CloseAsync(4000, "done", asyncClose);

        Assert.Equal(1, await reading);
        Assert.Equal(4000, client.CloseStatus);
    }

    private async Task<WebSocketClient> ConnectAsync(string path, bool async) =>
        await Modes.ConnectAsync((await hosts.GetAsync()).Ws(path), null, async);
}
