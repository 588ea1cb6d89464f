using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Protocol.Http1;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// Responses a well-behaved server never sends, from the scripted raw-TCP server: each fails with the exception
/// that names the broken rule, closes the connection, and the next request gets a new connection.
/// </summary>
public sealed class HostileResponseTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_status_line_that_is_not_http_raises_InvalidStatusLine(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send("SPDY/3 200 OK\r\nContent-Length: 0\r\n\r\n").NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        Assert.Equal(ProtocolError.InvalidStatusLine, error.Error);
        Assert.Equal("GET", error.RequestMethod);
        // A response that started (even malformed) is never retried.
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Header_fields_beyond_MaxHeaderBytes_raise_ProtocolLimitExceededException(bool async)
    {
        string head = "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 4000) + "\r\nContent-Length: 0\r\n\r\n";
        await using ScriptedTcpServer server = Scripts.HostileThenGood(new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send(head).NeverRespond());
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            Limits = new Http1Limits { MaxHeaderBytes = 1024 },
        });

        ProtocolLimitExceededException error = await Assert.ThrowsAsync<ProtocolLimitExceededException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        Assert.Equal(ProtocolError.LimitExceeded, error.Error);
        Assert.Equal(nameof(Http1Limits.MaxHeaderBytes), error.LimitName);
        Assert.Equal(1024, error.Limit);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_body_shorter_than_its_Content_Length_raises_IncompleteMessage(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789").Close());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_streamed_body_cut_short_raises_IncompleteMessage_on_read(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789").Close());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x") { StreamResponse = true }, async))
        {
            Assert.Equal(200, response.StatusCode);
            ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => response.ReadAsBytesAsync(async));
            Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
            // The failed read gave the connection back (closed) at once, not at dispose.
            PoolAssert.Settled(session, idle: 0);
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_close_in_the_middle_of_a_chunked_body_raises_IncompleteMessage(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript()
                .ReceiveUntil(Scripts.EndOfHead)
                .Send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n wor")
                .Close());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_reset_in_the_middle_of_a_body_raises_ConnectionFailedException(bool async)
    {
        var headRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript()
                .ReceiveUntil(Scripts.EndOfHead)
                .Send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                .Pause(headRead.Task)
                .Abort());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x") { StreamResponse = true }, async))
        {
            headRead.SetResult();
            ConnectionFailedException error = await Assert.ThrowsAsync<ConnectionFailedException>(() => response.ReadAsBytesAsync(async));
            Assert.True(error.ResponseStarted);
            Assert.Equal("GET", error.RequestMethod);
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }
}
