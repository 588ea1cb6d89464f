using System;
using System.Linq;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading.Tasks;
using Reqivo.Authentication;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Wiring;

/// <summary>The cookie jar, an authenticator and content decoding as the session runs them, against exact server bytes.</summary>
public sealed class FeatureWiringTests
{
    private const string EmptyOk = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_cookie_set_by_one_response_is_sent_with_the_next_request(bool async)
    {
        await using ScriptedTcpServer server = new(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 200 OK\r\nSet-Cookie: sid=abc123; Path=/\r\nContent-Length: 0\r\n\r\n")
            .ReceiveUntil(Scripts.EndOfHead).Send(EmptyOk).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        (await session.SendAsync(new Request(HttpMethods.Get, "/login"), async)).Dispose();
        (await session.SendAsync(new Request(HttpMethods.Get, "/account"), async)).Dispose();

        string received = server.Connections[0].ReceivedText;
        int second = received.IndexOf("GET /account", StringComparison.Ordinal);
        Assert.DoesNotContain("Cookie:", received[..second], StringComparison.Ordinal);
        Assert.Contains("\r\nCookie: sid=abc123\r\n", received[second..], StringComparison.Ordinal);
        Assert.Equal(1, session.Cookies!.Count);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Basic_credentials_answer_a_challenge_once(bool async)
    {
        await using ScriptedTcpServer server = new(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"r\"\r\nContent-Length: 0\r\n\r\n")
            .ReceiveUntil(Scripts.EndOfHead).Send(EmptyOk).NeverRespond());
        Uri origin = Scripts.HttpBase(server);
        using var session = new Session(new SessionOptions
        {
            BaseAddress = origin,
            Authenticator = new BasicAuthenticator("user", "pass", origin) { Preemptive = false },
        });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/private"), async);

        Assert.Equal(200, response.StatusCode);
        string received = server.Connections[0].ReceivedText;
        int second = received.LastIndexOf("GET /private", StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization:", received[..second], StringComparison.Ordinal);
        string expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass"));
        Assert.Contains($"\r\nAuthorization: Basic {expected}\r\n", received[second..], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_gzip_body_is_decoded_and_loses_its_coding_fields(bool async)
    {
        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(Encoding.ASCII.GetBytes("decoded text"));
            }

            compressed = buffer.ToArray();
        }

        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {compressed.Length}\r\n\r\n");
        await using ScriptedTcpServer server = new(new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send([.. head, .. compressed]).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/z"), async);

        Assert.Equal("decoded text", await response.ReadAsStringAsync(async));
        Assert.False(response.Headers.Contains("Content-Encoding"));
        Assert.False(response.Headers.Contains("Content-Length"));
        Assert.Contains("\r\nAccept-Encoding: gzip, deflate, br\r\n", server.Connections[0].ReceivedText, StringComparison.Ordinal);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_302_back_to_the_same_URL_after_Set_Cookie_is_followed_with_the_cookie(bool async)
    {
        // A common cookie check: the first visit sets a cookie and redirects to itself; the second carries it.
        await using ScriptedTcpServer server = new(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 302 Found\r\nLocation: /start\r\nSet-Cookie: seen=1; Path=/\r\nContent-Length: 0\r\n\r\n")
            .ReceiveUntil(Scripts.EndOfHead).Send(EmptyOk).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/start"), async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(302, Assert.Single(response.History).StatusCode);
        string received = server.Connections[0].ReceivedText;
        int second = received.IndexOf("GET /start", 1, StringComparison.Ordinal);
        Assert.Contains("\r\nCookie: seen=1\r\n", received[second..], StringComparison.Ordinal);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_302_back_to_the_same_URL_that_changes_no_cookie_is_a_loop(bool async)
    {
        // The second redirect sets the same cookie again: the third request would repeat the second exactly.
        const string SelfRedirect = "HTTP/1.1 302 Found\r\nLocation: /start\r\nSet-Cookie: seen=1; Path=/\r\nContent-Length: 0\r\n\r\n";
        await using ScriptedTcpServer server = new(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(SelfRedirect)
            .ReceiveUntil(Scripts.EndOfHead).Send(SelfRedirect).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        RedirectLoopException error = await Assert.ThrowsAsync<RedirectLoopException>(() => session.SendAsync(new Request(HttpMethods.Get, "/start"), async));

        Assert.Equal(302, error.StatusCode);
        Assert.Equal(2, CountOccurrences(server.Connections[0].ReceivedText, "GET /start"));
        PoolAssert.Settled(session, idle: 1);
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
