using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// Valid responses Kestrel never sends, from the scripted server: close-delimited bodies, interim responses, bytes
/// after the response, a header section larger than the receive buffer. Each works, and each connection is reused
/// only when that is safe.
/// </summary>
public sealed class UnusualResponseTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_body_delimited_by_the_close_is_read_and_the_connection_is_not_reused(bool async)
    {
        // RFC 9112 §6.3 (8): no Content-Length and no Transfer-Encoding: the body runs to the close.
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 200 OK\r\n\r\nuntil the end").Close());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x"), async))
        {
            Assert.Equal("until the end", await response.ReadAsStringAsync(async));
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Interim_responses_before_the_final_one_are_skipped(bool async)
    {
        await using ScriptedTcpServer server = new(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead)
            .Send("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
            .Send("HTTP/1.1 100 Continue\r\n\r\n")
            .Send(Scripts.Ok)
            .NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x"), async);

        // RFC 9110 §15.2: a client processes 1xx responses and then waits for the final one.
        Assert.Equal(200, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"));
        Assert.Equal("ok", await response.ReadAsStringAsync(async));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Bytes_after_the_response_make_the_connection_unusable(bool async)
    {
        // A second, unrequested response in the same write: reusing the connection would hand it to the next request.
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nspoof").NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x"), async))
        {
            Assert.Equal("ok", await response.ReadAsStringAsync(async));
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_header_section_larger_than_the_receive_buffer_is_read_within_the_limit(bool async)
    {
        string big = new('v', 40_000);
        await using ScriptedTcpServer server = new(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead)
            .Send($"HTTP/1.1 200 OK\r\nX-Big: {big}\r\nX-After: yes\r\nContent-Length: 2\r\n\r\nok")
            .NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x"), async);

        Assert.Equal(big, response.Headers.GetCombinedValue("X-Big"));
        Assert.Equal("yes", response.Headers.GetCombinedValue("X-After"));
        Assert.Equal("ok", await response.ReadAsStringAsync(async));
        PoolAssert.Settled(session, idle: 1);
    }
}
