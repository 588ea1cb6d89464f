using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>
/// The opt-in retry policy against scripted servers: statuses with Retry-After (waits observed on a manual clock, never
/// slept), connection failures, limits, and what is never retried.
/// </summary>
public sealed class RetryTests
{
    private const string Unavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nRetry-After: 0\r\n\r\nbusy";

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_GET_answered_503_is_retried_and_the_observer_sees_the_attempt(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers(Unavailable, Scripts.Ok));
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { BaseDelay = TimeSpan.Zero, OnAttempt = attempts.Add });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/r"), async);

        Assert.Equal(200, response.StatusCode);
        RetryAttempt attempt = Assert.Single(attempts);
        Assert.Equal(1, attempt.AttemptNumber);
        Assert.Equal(503, attempt.StatusCode);
        Assert.Null(attempt.Exception);
        Assert.True(attempt.WillRetry);
        Assert.Equal(TimeSpan.Zero, attempt.Delay);
        Assert.Equal(2, CountRequests(server.Connections[0]));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Retry_After_in_seconds_is_waited_on_the_session_clock(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers(TooMany("7"), Scripts.Ok));
        var time = new ManualTimeProvider();
        using Session session = SessionFor(server, new RetryPolicy(), time);

        Task<Response> send = Task.Run(() => session.SendAsync(new Request(HttpMethods.Get, "/r"), async));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        int beforeTheWaitEnded = CountRequests(server.Connections[0]);
        time.Advance(TimeSpan.FromSeconds(7));
        using Response response = await send;

        Assert.Equal(1, beforeTheWaitEnded);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, CountRequests(server.Connections[0]));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Retry_After_as_an_HTTP_date_is_waited_until_that_date(bool async)
    {
        var time = new ManualTimeProvider();
        string date = (time.GetUtcNow() + TimeSpan.FromSeconds(5)).ToString("r", CultureInfo.InvariantCulture);
        await using var server = new ScriptedTcpServer(Answers(TooMany(date), Scripts.Ok));
        using Session session = SessionFor(server, new RetryPolicy(), time);

        Task<Response> send = Task.Run(() => session.SendAsync(new Request(HttpMethods.Get, "/r"), async));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        using Response response = await send;

        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Retry_After_is_capped_by_the_maximum_delay(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers(TooMany("3600"), Scripts.Ok));
        var time = new ManualTimeProvider();
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(10), OnAttempt = attempts.Add }, time);

        Task<Response> send = Task.Run(() => session.SendAsync(new Request(HttpMethods.Get, "/r"), async));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        using Response response = await send;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.Single(attempts).Delay);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Without_Retry_After_the_backoff_on_the_system_clock_stays_within_its_cap(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", Scripts.Ok));
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(2), OnAttempt = attempts.Add });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/r"), async);

        Assert.Equal(200, response.StatusCode);
        TimeSpan delay = Assert.Single(attempts).Delay;
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(2));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task When_the_attempts_run_out_the_last_response_is_returned(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers(Unavailable, Unavailable, Unavailable));
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, OnAttempt = attempts.Add });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/r"), async);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("busy", await response.ReadAsStringAsync(async));
        Assert.Equal([1, 2, 3], attempts.ConvertAll(a => a.AttemptNumber));
        Assert.Equal([true, true, false], attempts.ConvertAll(a => a.WillRetry));
        Assert.Equal(3, CountRequests(server.Connections[0]));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_POST_is_not_retried(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers(Unavailable, Scripts.Ok));
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { BaseDelay = TimeSpan.Zero, OnAttempt = attempts.Add });

        using Response response = await session.SendAsync(new Request(HttpMethods.Post, "/r") { Body = RequestBody.FromString("x") }, async);

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(attempts);
        Assert.Equal(1, CountRequests(server.Connections[0]));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_PUT_with_a_one_shot_body_is_not_retried(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n0\r\n\r\n").Send(Unavailable).NeverRespond());
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { BaseDelay = TimeSpan.Zero, OnAttempt = attempts.Add });

        using Response response = await session.SendAsync(new Request(HttpMethods.Put, "/r") { Body = RequestBody.FromChunks([new byte[] { 1 }]) }, async);

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(attempts);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_GET_whose_connection_closes_before_the_response_is_retried_on_a_new_connection(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(new ServerScript().ReceiveUntil(Scripts.EndOfHead).Close());
        var attempts = new List<RetryAttempt>();
        using Session session = SessionFor(server, new RetryPolicy { BaseDelay = TimeSpan.Zero, OnAttempt = attempts.Add });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/r"), async);

        Assert.Equal("ok", await response.ReadAsStringAsync(async));
        Assert.IsAssignableFrom<ReqivoException>(Assert.Single(attempts).Exception);
        Assert.Equal(2, server.AcceptedCount);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_refused_connection_is_retried_up_to_the_maximum_then_raised(bool async)
    {
        int port = ClosedPort();
        var attempts = new List<RetryAttempt>();
        using var session = new Session(new SessionOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            RetryPolicy = new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, OnAttempt = attempts.Add },
        });

        ConnectException error = await Assert.ThrowsAnyAsync<ConnectException>(() => session.SendAsync(new Request(HttpMethods.Get, "/r"), async));

        Assert.Equal(3, attempts.Count);
        Assert.Same(error, attempts[2].Exception);
        Assert.False(attempts[2].WillRetry);
        PoolAssert.Settled(session, idle: 0);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Without_a_policy_nothing_is_retried_and_a_request_can_bring_its_own(bool async)
    {
        await using var server = new ScriptedTcpServer(Answers(Unavailable, Unavailable, Scripts.Ok));
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response plain = await session.SendAsync(new Request(HttpMethods.Get, "/r"), async);
        using Response retried = await session.SendAsync(new Request(HttpMethods.Get, "/r") { RetryPolicy = new RetryPolicy { BaseDelay = TimeSpan.Zero } }, async);

        Assert.Equal(503, plain.StatusCode);
        Assert.Equal(200, retried.StatusCode);
    }

    private static Session SessionFor(ScriptedTcpServer server, RetryPolicy policy, TimeProvider? time = null) =>
        new(new SessionOptions { BaseAddress = Scripts.HttpBase(server), RetryPolicy = policy, TimeProvider = time ?? TimeProvider.System });

    /// <summary>One keep-alive connection that answers each request head in turn with the next response.</summary>
    private static ServerScript Answers(params string[] responses)
    {
        var script = new ServerScript();
        foreach (string response in responses)
        {
            script.ReceiveUntil(Scripts.EndOfHead).Send(response);
        }

        return script.NeverRespond();
    }

    private static string TooMany(string retryAfter) =>
        $"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nRetry-After: {retryAfter}\r\n\r\n";

    private static int CountRequests(ScriptedConnection connection) =>
        connection.ReceivedText.Split(" /r HTTP/1.1\r\n").Length - 1;

    private static int ClosedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
