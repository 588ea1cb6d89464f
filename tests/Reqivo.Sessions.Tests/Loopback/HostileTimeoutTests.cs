using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Peers that stall on purpose: silent servers, a TLS handshake that never ends, slowloris, a full accept queue.</summary>
public sealed class HostileTimeoutTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_never_answers_raises_ReadTimeoutException(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(new ServerScript().ReceiveUntil(Scripts.EndOfHead).NeverRespond());
        var read = TimeSpan.FromMilliseconds(300);
        using var session = new Session(LoopbackSessions.Options(Scripts.HttpBase(server), new Timeouts { Read = read }));

        ReadTimeoutException error = await Assert.ThrowsAsync<ReadTimeoutException>(() => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        PoolAssert.IsTimeout(error, read);
        // A timeout is not a stale connection: the request is not sent again.
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_tls_handshake_that_never_completes_raises_ConnectTimeoutException(bool async)
    {
        // The server accepts and reads the ClientHello but never answers it.
        await using ScriptedTcpServer server = new(index => index == 0 ? new ServerScript().NeverRespond() : Scripts.AnswersOk());
        var connect = TimeSpan.FromMilliseconds(300);
        using var session = new Session(LoopbackSessions.Options(Scripts.HttpBase(server), new Timeouts { Connect = connect }));

        ConnectTimeoutException error = await Assert.ThrowsAsync<ConnectTimeoutException>(
            () => session.SendAsync(new Request(HttpMethods.Get, $"https://127.0.0.1:{server.Port}/x"), async));

        PoolAssert.IsTimeout(error, connect);
        // The client closed the stalled connection, which ends the server's script.
        ScriptedConnection stalled = await server.WaitForConnectionAsync(0);
        await stalled.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0x16, stalled.Received[0]); // a TLS handshake record (RFC 8446 §5.1): the ClientHello
        // Same server over http is another origin: the session still works.
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_head_dribbled_byte_by_byte_is_stopped_by_the_total_timeout(bool async)
    {
        // Slowloris in reverse: every byte arrives well within the read timeout, so only the total limit ends it.
        string head = "HTTP/1.1 200 OK\r\n" + string.Concat(System.Linq.Enumerable.Repeat("X-Slow: dribbled\r\n", 6)) + "Content-Length: 2\r\n\r\nok";
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).SendSlowly(head, TimeSpan.FromMilliseconds(20)).NeverRespond());
        var total = TimeSpan.FromSeconds(1);
        using var session = new Session(LoopbackSessions.Options(Scripts.HttpBase(server), new Timeouts { Read = TimeSpan.FromSeconds(3), Total = total }));

        TotalTimeoutException error = await Assert.ThrowsAsync<TotalTimeoutException>(() => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        PoolAssert.IsTimeout(error, total);
        Assert.Equal("GET", error.RequestMethod);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_connect_that_is_never_accepted_raises_ConnectTimeoutException(bool async)
    {
        using var unreachable = new FullBacklogListener();
        await using ScriptedTcpServer good = new(Scripts.AnswersOk());
        var connect = TimeSpan.FromMilliseconds(300);
        using var session = new Session(LoopbackSessions.Options(Scripts.HttpBase(good), new Timeouts { Connect = connect }));

        ConnectTimeoutException error = await Assert.ThrowsAsync<ConnectTimeoutException>(
            () => session.SendAsync(new Request(HttpMethods.Get, $"http://127.0.0.1:{unreachable.Port}/x"), async));

        PoolAssert.IsTimeout(error, connect);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal(0, session.GetPoolStatistics().ConnectionsCreated);
        await PoolAssert.RecoversOnNewConnectionAsync(session, good, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_stops_reading_raises_WriteTimeoutException(bool async)
    {
        // The server never reads: once the socket buffers on both sides are full, a write makes no progress.
        var never = new TaskCompletionSource();
        await using ScriptedTcpServer server = Scripts.HostileThenGood(new ServerScript().Pause(never.Task));
        var write = TimeSpan.FromMilliseconds(300);
        using var session = new Session(LoopbackSessions.Options(Scripts.HttpBase(server), new Timeouts { Write = write }));
        using var endless = new ZeroStream();

        WriteTimeoutException error = await Assert.ThrowsAsync<WriteTimeoutException>(
            () => session.SendAsync(new Request(HttpMethods.Post, "/upload") { Body = RequestBody.FromStream(endless, length: 1L << 40) }, async));

        PoolAssert.IsTimeout(error, write);
        Assert.Equal("POST", error.RequestMethod);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Cancelling_a_connect_in_progress_raises_OperationCanceledException(bool async)
    {
        using var unreachable = new FullBacklogListener();
        await using ScriptedTcpServer good = new(Scripts.AnswersOk());
        // The connect timeout bounds the test should cancellation be ignored; it must not be what ends the request.
        using var session = new Session(LoopbackSessions.Options(Scripts.HttpBase(good), new Timeouts { Connect = TimeSpan.FromSeconds(3) }));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => session.SendAsync(new Request(HttpMethods.Get, $"http://127.0.0.1:{unreachable.Port}/x"), async, cancellation.Token));

        Assert.Equal(0, session.GetPoolStatistics().ConnectionsCreated);
        await PoolAssert.RecoversOnNewConnectionAsync(session, good, async);
    }
}
