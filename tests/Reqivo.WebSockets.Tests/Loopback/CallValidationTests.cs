using System;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>The argument checks of an open client's members: each names its parameter and leaves the client usable.</summary>
public sealed class CallValidationTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Close_refuses_a_code_that_may_not_be_sent_naming_code(bool async)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => StartClose(client, 1015, null, async));

        Assert.Equal("code", error.ParamName);
        Assert.Equal(1015, error.ActualValue);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [InlineData(false, 124)]
    [InlineData(true, 124)]
    [InlineData(false, 200)]
    [InlineData(true, 200)]
    public async Task Close_refuses_a_reason_over_123_utf8_bytes_naming_reason(bool async, int bytes)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);

        ArgumentException error = Assert.Throws<ArgumentException>(() => StartClose(client, 1000, Utf8Reason(bytes), async));

        Assert.Equal("reason", error.ParamName);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_reason_of_exactly_123_utf8_bytes_is_sent_and_echoed(bool async)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);
        string reason = Utf8Reason(123);

        await client.CloseAsync(1000, reason, async);

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(1000, client.CloseStatus);
        Assert.Equal(reason, client.CloseReason);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Ping_refuses_126_bytes_naming_payload_and_sends_125(bool async)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);
        var pong = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.PongReceived += (_, e) => pong.TrySetResult(e.Payload.ToArray());
        byte[] largest = TestPayload.Create(125);

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
        {
            if (async)
            {
                _ = client.PingAsync(new byte[126]).AsTask();
            }
            else
            {
                client.Ping(new byte[126]);
            }
        });
        if (async)
        {
            await client.PingAsync(largest);
        }
        else
        {
            client.Ping(largest);
        }

        await client.SendTextAsync("after", async);
        Assert.Equal("after", (await client.ReceiveAsync(async)).Text);
        Assert.Equal("payload", error.ParamName);
        Assert.Equal(largest, await pong.Task);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task SendText_refuses_null_and_an_unpaired_surrogate_and_the_sender_stays_free(bool async)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);

        ArgumentNullException nullText = await Assert.ThrowsAsync<ArgumentNullException>(() => client.SendTextAsync(null!, async));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SendTextAsync("bad \ud800 text", async));
        await client.SendTextAsync("fine", async);

        Assert.Equal("text", nullText.ParamName);
        Assert.Equal("fine", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_message_type_that_is_neither_text_nor_binary_is_refused_and_the_sender_stays_free(bool async)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);
        var undefined = (WebSocketMessageType)7;

        ArgumentOutOfRangeException send = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SendAsync(new byte[] { 1 }, undefined, async));
        ArgumentOutOfRangeException begin = Assert.Throws<ArgumentOutOfRangeException>(() => client.BeginMessage(undefined));
        await client.SendAsync(new byte[] { 2 }, WebSocketMessageType.Binary, async);

        Assert.Equal("type", send.ParamName);
        Assert.Equal("type", begin.ParamName);
        WebSocketMessage echoed = await client.ReceiveAsync(async);
        Assert.Equal(WebSocketMessageType.Binary, echoed.Type);
        Assert.Equal(new byte[] { 2 }, echoed.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task ReceiveInto_refuses_a_null_destination_and_the_receiver_stays_free(bool async)
    {
        await using WebSocketClient client = await ConnectEchoAsync(async);

        ArgumentNullException error = await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            if (async)
            {
                await client.ReceiveIntoAsync(null!);
            }
            else
            {
                client.ReceiveInto(null!);
            }
        });
        await client.SendTextAsync("still receiving", async);

        Assert.Equal("destination", error.ParamName);
        Assert.Equal("still receiving", (await client.ReceiveAsync(async)).Text);
    }

    /// <summary>A string of exactly <paramref name="bytes"/> UTF-8 bytes, mostly two-byte characters.</summary>
    private static string Utf8Reason(int bytes) => new string('\u00e9', bytes / 2) + new string('x', bytes % 2);

    private static void StartClose(WebSocketClient client, int code, string? reason, bool async)
    {
        if (async)
        {
            _ = client.CloseAsync(code, reason).AsTask();
        }
        else
        {
            client.Close(code, reason);
        }
    }

    private async Task<WebSocketClient> ConnectEchoAsync(bool async) =>
        await Modes.ConnectAsync((await hosts.GetAsync()).Ws("/ws/echo"), null, async);
}
