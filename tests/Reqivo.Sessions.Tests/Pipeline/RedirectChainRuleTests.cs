using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>The session's redirect rules on a scripted server: non-http targets, and loops judged with the cookies sent.</summary>
public sealed class RedirectChainRuleTests
{
    private static string Found(string location, string extra = "") =>
        $"HTTP/1.1 302 Found\r\nLocation: {location}\r\n{extra}Content-Length: 0\r\n\r\n";

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_redirect_to_a_non_http_URI_is_refused(bool async)
    {
        using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send(Found("ftp://example.com/file")).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        var error = await Assert.ThrowsAsync<RedirectException>(() => session.SendAsync(new Request(HttpMethods.Get, "/"), async));

        Assert.Equal(302, error.StatusCode);
        Assert.Contains("ftp://example.com/file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_back_to_the_same_URL_with_the_same_cookies_is_a_loop_at_once()
    {
        using var server = new ScriptedTcpServer(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Found("/a"))
            .ReceiveUntil(Scripts.EndOfHead).Send(Found("/a"))
            .NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        Assert.True(session.Cookies!.SetCookie(Scripts.HttpBase(server), "c=1"));

        await Assert.ThrowsAsync<RedirectLoopException>(() => session.SendAsync(new Request(HttpMethods.Get, "/a"), async: true));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(server.Connections[0].ReceivedText, "GET /a "));
    }

    [Fact]
    public async Task A_redirect_back_after_Set_Cookie_is_followed_once()
    {
        using var server = new ScriptedTcpServer(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Found("/a", "Set-Cookie: c=1\r\n"))
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/a"), async: true);

        Assert.Equal("ok", response.ReadAsString());
    }

    [Fact]
    public async Task Without_cookies_a_redirect_is_followed()
    {
        using var server = new ScriptedTcpServer(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Found("/b"))
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), UseCookies = false });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/a"), async: true);

        Assert.Equal("ok", response.ReadAsString());
        Assert.Single(response.History);
    }
}
