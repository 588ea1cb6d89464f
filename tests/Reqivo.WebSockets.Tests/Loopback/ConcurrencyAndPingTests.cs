using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>One sender and one receiver at a time; Pings and keep-alive with ASP.NET Core.</summary>
public sealed class ConcurrencyAndPingTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Fact]
    public async Task A_second_sender_is_refused_while_a_message_writer_is_open()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));

        using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Text))
        {
            writer.Write("par"u8.ToArray());
            Assert.Throws<InvalidOperationException>(() => client.SendText("interleaved"));
            Assert.Throws<InvalidOperationException>(() => client.BeginMessage(WebSocketMessageType.Binary));
            writer.Complete("tial"u8.ToArray());
        }

        Assert.Equal("partial", (await client.ReceiveAsync()).Text);
        client.SendText("the sender slot is free again");
        Assert.Equal("the sender slot is free again", (await client.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task A_second_receiver_is_refused_while_a_receive_is_pending()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));
        Task<WebSocketMessage> pending = client.ReceiveAsync().AsTask();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ReceiveAsync().AsTask());

        await client.SendTextAsync("for the first receiver");
        Assert.Equal("for the first receiver", (await pending).Text);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("into")]
    [InlineData("stream")]
    public async Task Every_receive_form_holds_the_receiver_slot_while_it_waits(string first)
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));
        var into = new System.Buffers.ArrayBufferWriter<byte>();
        Task pending = first switch
        {
            "message" => client.ReceiveAsync().AsTask(),
            "into" => client.ReceiveIntoAsync(into).AsTask(),
            _ => client.ReceiveStreamAsync().AsTask(),
        };

        InvalidOperationException message = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ReceiveAsync().AsTask());
        InvalidOperationException intoError = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ReceiveIntoAsync(into).AsTask());
        InvalidOperationException stream = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ReceiveStreamAsync().AsTask());

        Assert.All([message, intoError, stream], error => Assert.Contains("one receiver at a time", error.Message, StringComparison.Ordinal));
        await client.SendTextAsync("for the first receiver");
        await pending;
        if (pending is Task<WebSocketMessageStream> streaming)
        {
            await (await streaming).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_sender_and_a_receiver_work_at_the_same_time()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"));
        const int Count = 200;

        Task receiving = Task.Run(async () =>
        {
            for (int i = 0; i < Count; i++)
            {
                Assert.Equal($"#{i}", (await client.ReceiveAsync()).Text);
            }
        });
        for (int i = 0; i < Count; i++)
        {
            await client.SendTextAsync($"#{i}");
        }

        await receiving;
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_ping_is_answered_by_a_pong_with_the_same_data(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), null, async);
        var pong = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.PongReceived += (_, e) => pong.TrySetResult(e.Payload.ToArray());

        if (async)
        {
            await client.PingAsync("ping-data"u8.ToArray());
        }
        else
        {
            client.Ping("ping-data"u8.ToArray());
        }

        // The pong is read by the receive that waits for the echo after it.
        await client.SendTextAsync("after the ping", async);
        Assert.Equal("after the ping", (await client.ReceiveAsync(async)).Text);
        Assert.Equal("ping-data"u8.ToArray(), await pong.Task);
    }

    [Fact]
    public async Task Keep_alive_pings_are_sent_and_answered_while_the_connection_is_idle()
    {
        KestrelTestHost host = await hosts.GetAsync();
        var options = new WebSocketOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(20), KeepAliveTimeout = TimeSpan.FromSeconds(10) };
        await using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), options);
        int pongs = 0;
        var threePongs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.PongReceived += (_, _) =>
        {
            if (Interlocked.Increment(ref pongs) == 3)
            {
                threePongs.TrySetResult();
            }
        };
        using var stop = new CancellationTokenSource();
        Task<WebSocketMessage> receiving = client.ReceiveAsync(stop.Token).AsTask();

        await threePongs.Task;

        Assert.Equal(WebSocketState.Open, client.State);
        await client.SendTextAsync("still open");
        Assert.Equal("still open", (await receiving).Text);
    }
}
