using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// When a connection goes back to the pool, when a pooled one is reused, and which failures on a reused connection
/// count as "stale" (sent again) rather than as the server's answer.
/// </summary>
public sealed class ConnectionReuseRuleTests
{
    [Theory]
    [InlineData("close", 0)]
    [InlineData("keep-alive, Close", 0)]
    [InlineData("keep-alive", 1)]
    public async Task A_request_asking_to_close_does_not_return_its_connection(string connection, int idle)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        var request = new Request(HttpMethods.Get, "/");
        request.Headers.Add(HttpHeaderNames.Connection, connection);

        using (Response response = await session.SendAsync(request, async: true))
        {
            Assert.Equal(200, response.StatusCode);
        }

        PoolAssert.Settled(session, idle);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_bodiless_response_that_closes_does_not_return_its_connection(bool async)
    {
        var script = new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n").NeverRespond();
        using var server = new ScriptedTcpServer(script);
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async))
        {
            Assert.Equal(204, response.StatusCode);
        }

        PoolAssert.Settled(session, idle: 0);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_pooled_connection_with_unread_bytes_is_not_reused(bool async)
    {
        // The server sends bytes nobody asked for after the response: that connection is out of step.
        var dirty = new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok + "HTTP/1.1 200 OK\r\n").NeverRespond();
        using var server = new ScriptedTcpServer(index => index == 0 ? dirty : Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        using (Response first = await session.SendAsync(new Request(HttpMethods.Get, "/"), async))
        {
            Assert.Equal("ok", first.ReadAsString());
        }

        using Response second = await session.SendAsync(new Request(HttpMethods.Get, "/"), async);

        Assert.Equal("ok", second.ReadAsString());
        Assert.Equal(2, server.AcceptedCount);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_reused_connection_that_fails_after_the_response_started_is_not_sent_again(bool async)
    {
        var script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 200 OK\r\nContent-Le").Close();
        using var server = new ScriptedTcpServer(index => index == 0 ? script : Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        using (Response first = await session.SendAsync(new Request(HttpMethods.Get, "/"), async))
        {
            Assert.Equal(200, first.StatusCode);
        }

        var error = await Assert.ThrowsAsync<ProtocolException>(() => session.SendAsync(new Request(HttpMethods.Get, "/second"), async));

        Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
        Assert.Equal(HttpMethods.Get, error.RequestMethod);
        Assert.Contains("/second", error.RequestUrl, StringComparison.Ordinal);
        Assert.Equal(1, server.AcceptedCount);
    }

    [Fact]
    public async Task A_read_timeout_on_a_reused_connection_is_not_sent_again()
    {
        var script = new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok).NeverRespond();
        using var server = new ScriptedTcpServer(index => index == 0 ? script : Scripts.AnswersOk());
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            Timeouts = new Timeouts { Read = TimeSpan.FromMilliseconds(200) },
        });
        using (Response first = await session.SendAsync(new Request(HttpMethods.Get, "/"), async: true))
        {
            Assert.Equal(200, first.StatusCode);
        }

        await Assert.ThrowsAsync<ReadTimeoutException>(() => session.SendAsync(new Request(HttpMethods.Get, "/"), async: true));

        Assert.Equal(1, server.AcceptedCount);
    }
}
