using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Cookies;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// What the session writes into a request head besides the caller's fields: default fields, cookies from the jar,
/// Content-Length: 0 for an empty POST; and the fields it refuses to take from the caller.
/// </summary>
public sealed class RequestHeadWiringTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Default_credentials_are_sent_on_a_request_that_stays_on_its_origin(bool async)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        session.DefaultHeaders.Add(HttpHeaderNames.Authorization, "Bearer default");

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async);

        Assert.Contains("\r\nAuthorization: Bearer default\r\n", server.Connections[0].ReceivedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task A_method_that_gives_content_a_meaning_sends_Content_Length_zero_without_a_body(string method)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response response = await session.SendAsync(new Request(method, "/"), async: true);

        Assert.Contains("\r\nContent-Length: 0\r\n", server.Connections[0].ReceivedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("Content-Length")]
    [InlineData("Transfer-Encoding")]
    public async Task A_request_may_not_set_the_fields_the_writer_owns(string name)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        var request = new Request(HttpMethods.Get, "/");
        request.Headers.Add(name, "1");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.SendAsync(request, async: true));

        Assert.Equal("headers", error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.AcceptedCount);
    }

    [Fact]
    public async Task A_Cookie_field_the_caller_set_wins_over_the_jar()
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        Assert.True(session.Cookies!.SetCookie(Scripts.HttpBase(server), "jar=1"));
        var request = new Request(HttpMethods.Get, "/");
        request.Headers.Add(HttpHeaderNames.Cookie, "mine=2");

        using Response response = await session.SendAsync(request, async: true);

        string received = server.Connections[0].ReceivedText;
        Assert.Contains("\r\nCookie: mine=2\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("jar=1", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_cookies_no_Cookie_field_is_sent()
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), UseCookies = false });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async: true);

        Assert.Null(session.Cookies);
        Assert.DoesNotContain("Cookie:", server.Connections[0].ReceivedText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_given_jar_is_used_and_a_made_one_runs_on_the_session_clock()
    {
        var jar = new CookieJar();
        using var withJar = new Session(new SessionOptions { CookieJar = jar });
        var clock = new ManualTimeProvider();
        using var withClock = new Session(new SessionOptions { TimeProvider = clock });
        var site = new Uri("http://example.com/");

        Assert.True(withClock.Cookies!.SetCookie(site, "a=1; Max-Age=10"));
        clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Same(jar, withJar.Cookies);
        Assert.Null(withClock.Cookies.GetCookieHeader(site));
    }
}
