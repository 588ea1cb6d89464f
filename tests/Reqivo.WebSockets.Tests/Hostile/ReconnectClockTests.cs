using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// Auto-reconnect with the options' clock: the backoff waits on that clock's timer for exactly the delay the event
/// announced, a zero delay needs no timer, and the new connection is wired up like the first (its 101 fields, its Pongs).
/// </summary>
public sealed class ReconnectClockTests
{
    private static ServerScript DropAfterHandshake() =>
        new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => ServerFrames.Accept(received)).Abort();

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_backoff_waits_on_the_options_clock_for_the_announced_delay(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0
            ? DropAfterHandshake()
            : new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r, ServerFrames.Text("back"))).NeverRespond());
        var clock = new ScriptedClock();
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(2), Jitter = 0 };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = policy, TimeProvider = clock }, async);
        var delays = new List<TimeSpan>();
        client.Reconnecting += (_, e) => delays.Add(e.Delay);

        Assert.Equal("back", (await client.ReceiveAsync(async)).Text);

        Assert.Equal([TimeSpan.FromHours(1)], delays);
        Assert.Contains(TimeSpan.FromHours(1), clock.DueTimes);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task No_reconnect_is_attempted_before_the_backoff_timer_fires(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0
            ? DropAfterHandshake()
            : new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r, ServerFrames.Text("back"))).NeverRespond());
        var clock = new ScriptedClock { HoldOneShotTimers = true };
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromHours(1), Jitter = 0 };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = policy, TimeProvider = clock }, async);
        Task<WebSocketMessage> receive = async ? client.ReceiveAsync().AsTask() : Task.Run(() => client.Receive());

        Assert.True(System.Threading.SpinWait.SpinUntil(() => clock.HeldCount == 1, TimeSpan.FromSeconds(30)), "The backoff timer was never armed.");
        // The clock never fires on its own: a second connection now would mean the backoff was skipped.
        bool reconnectedEarly = System.Threading.SpinWait.SpinUntil(() => server.AcceptedCount > 1, TimeSpan.FromMilliseconds(300));
        bool receivedEarly = receive.IsCompleted;
        clock.FireHeld();

        Assert.Equal("back", (await receive).Text);
        Assert.False(reconnectedEarly);
        Assert.False(receivedEarly);
        Assert.Equal(2, server.AcceptedCount);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_zero_delay_reconnects_at_once_without_a_timer(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0
            ? DropAfterHandshake()
            : new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r, ServerFrames.Text("back"))).NeverRespond());
        var clock = new ScriptedClock();
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.Zero };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = policy, TimeProvider = clock }, async);
        var delays = new List<TimeSpan>();
        client.Reconnecting += (_, e) => delays.Add(e.Delay);

        Assert.Equal("back", (await client.ReceiveAsync(async)).Text);

        Assert.Equal([TimeSpan.Zero], delays);
        Assert.Empty(clock.DueTimes);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_new_connection_reports_its_own_101_fields_and_raises_PongReceived(bool async)
    {
        await using var server = new ScriptedTcpServer(index => index == 0
            ? new ServerScript().ReceiveUntil("\r\n\r\n").Respond(r => ServerFrames.Accept(r, extraFields: "X-Connection: first\r\n")).Abort()
            : new ServerScript().ReceiveUntil("\r\n\r\n")
                .Respond(r => ServerFrames.Accept(r, ServerFrames.Concat(ServerFrames.Frame(0xA, true, "pong"u8.ToArray()), ServerFrames.Text("back")), extraFields: "X-Connection: second\r\n"))
                .NeverRespond());
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.Zero };
        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server), new WebSocketOptions { Reconnect = policy }, async);
        Assert.True(client.ResponseHeaders.TryGetValue("X-Connection", out string? first));
        var pongs = new List<string>();
        client.PongReceived += (_, e) => pongs.Add(System.Text.Encoding.ASCII.GetString(e.Payload.Span));

        Assert.Equal("back", (await client.ReceiveAsync(async)).Text);

        Assert.Equal("first", first);
        Assert.True(client.ResponseHeaders.TryGetValue("X-Connection", out string? second));
        Assert.Equal("second", second);
        Assert.Equal(["pong"], pongs);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_connect_whose_budget_the_clock_says_is_spent_fails_with_ConnectTimeoutException(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").NeverRespond());
        var clock = new ScriptedClock { StepPerReading = TimeSpan.FromMinutes(1) };
        var options = new WebSocketOptions { TimeProvider = clock, ConnectTimeout = TimeSpan.FromSeconds(30) };

        ConnectTimeoutException error = await Assert.ThrowsAsync<ConnectTimeoutException>(() => Modes.ConnectAsync(UriOf(server), options, async));

        Assert.Equal(TimeSpan.FromSeconds(30), error.Timeout);
        Assert.Equal(server.Port, error.Port);
        Assert.Equal("GET", error.RequestMethod);
    }

    private static Uri UriOf(ScriptedTcpServer server) => new($"ws://127.0.0.1:{server.Port}/");
}
