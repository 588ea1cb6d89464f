using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Authentication;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>
/// How the session drives an authenticator: Prepare on every attempt with the body when it is in memory, OnChallenge
/// only for a 401 and at most MaxAnsweredChallenges times per hop, and the challenged response released before the
/// new attempt.
/// </summary>
public sealed class AuthenticationStageTests
{
    private const string Unauthorized = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Test\r\nContent-Length: 4\r\n\r\nnope";

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Prepare_runs_on_every_request_and_its_fields_are_sent(bool async)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        var authenticator = new RecordingAuthenticator();
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), Authenticator = authenticator });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, authenticator.Prepared);
        Assert.Empty(authenticator.Challenges);
        Assert.Contains("\r\nAuthorization: Prepared\r\n", server.Connections[0].ReceivedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_sees_an_in_memory_body_and_not_a_streamed_one()
    {
        var script = new ServerScript().ReceiveUntil(Scripts.EndOfHead).ReceiveBytes(3).Send(Scripts.Ok).ReceiveUntil(Scripts.EndOfHead).ReceiveBytes(3).Send(Scripts.Ok).NeverRespond();
        using var server = new ScriptedTcpServer(script);
        var authenticator = new RecordingAuthenticator();
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), Authenticator = authenticator });

        using (Response inMemory = await session.SendAsync(new Request(HttpMethods.Post, "/") { Body = RequestBody.FromString("abc") }, async: true))
        {
            Assert.Equal(200, inMemory.StatusCode);
        }

        using (Response streamed = await session.SendAsync(
            new Request(HttpMethods.Post, "/") { Body = RequestBody.FromStream(new MemoryStream("xyz"u8.ToArray()), 3) }, async: true))
        {
            Assert.Equal(200, streamed.StatusCode);
        }

        Assert.Equal(["abc", null], authenticator.Bodies);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_hop_answers_at_most_the_allowed_number_of_challenges_then_returns_the_401(bool async)
    {
        var script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Unauthorized)
            .ReceiveUntil(Scripts.EndOfHead).Send(Unauthorized)
            .ReceiveUntil(Scripts.EndOfHead).Send(Unauthorized)
            .NeverRespond();
        using var server = new ScriptedTcpServer(script);
        var authenticator = new RecordingAuthenticator();
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            Authenticator = authenticator,
            Timeouts = new Timeouts { Read = TimeSpan.FromSeconds(5) },
        });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(AuthenticationContext.MaxAnsweredChallenges, authenticator.Challenges.Count);
        Assert.Equal([0, 1], authenticator.PreviousChallenges);
        Assert.Equal(3, authenticator.Prepared);
        Assert.Equal(2, Regex.Count(server.Connections[0].ReceivedText, "\r\nAuthorization: Answered\r\n"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_digest_nonce_gone_stale_right_after_the_answer_is_answered_again_with_the_new_nonce(bool async)
    {
        const string Challenge = "Digest realm=\"r\", qop=\"auth\", algorithm=SHA-256, nonce=\"first\", opaque=\"o\"";
        string stale = Challenge.Replace("first", "second", StringComparison.Ordinal) + ", stale=true";
        var script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send($"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: {Challenge}\r\nContent-Length: 0\r\n\r\n")
            .ReceiveUntil(Scripts.EndOfHead).Send($"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: {stale}\r\nContent-Length: 0\r\n\r\n")
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .NeverRespond();
        using var server = new ScriptedTcpServer(script);
        Uri origin = Scripts.HttpBase(server);
        using var session = new Session(new SessionOptions { BaseAddress = origin, Authenticator = new DigestAuthenticator("user", "pass", origin) });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async);

        Assert.Equal(200, response.StatusCode);
        MatchCollection nonces = Regex.Matches(server.Connections[0].ReceivedText, "Authorization: Digest [^\r]*nonce=\"([a-z]+)\"");
        Assert.Equal(["first", "second"], nonces.Select(match => match.Groups[1].Value));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_answer_to_a_challenge_keeps_the_request_s_own_fields(bool async)
    {
        var script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Unauthorized)
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .NeverRespond();
        using var server = new ScriptedTcpServer(script);
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), Authenticator = new RecordingAuthenticator() });
        var request = new Request(HttpMethods.Get, "/");
        request.Headers.Add("X-Trace", "t-17");

        using Response response = await session.SendAsync(request, async);

        Assert.Equal(200, response.StatusCode);
        string sent = server.Connections[0].ReceivedText;
        Assert.Equal(2, Regex.Count(sent, "\r\nX-Trace: t-17\r\n"));
        Assert.Contains("\r\nAuthorization: Answered\r\n", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_challenge_response_is_drained_so_the_answer_reuses_its_connection()
    {
        var script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Unauthorized)
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .NeverRespond();
        using var server = new ScriptedTcpServer(index => index == 0 ? script : Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), Authenticator = new RecordingAuthenticator() });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/") { StreamResponse = true }, async: true);

        Assert.Equal("ok", await response.ReadAsStringAsync());
        Assert.Equal(1, server.AcceptedCount);
    }

    /// <summary>Sends "Prepared" up front and answers any challenge with "Answered", recording what it saw.</summary>
    private sealed class RecordingAuthenticator : IAuthenticator
    {
        public int Prepared { get; private set; }

        public List<int> Challenges { get; } = [];

        public List<int> PreviousChallenges { get; } = [];

        public List<string?> Bodies { get; } = [];

        public void Prepare(AuthenticationContext context)
        {
            Prepared++;
            Bodies.Add(context.Body is { } body ? Encoding.UTF8.GetString(body.Span) : null);
            if (!context.Headers.Contains(HttpHeaderNames.Authorization))
            {
                context.Headers.Add(HttpHeaderNames.Authorization, "Prepared");
            }
        }

        public bool OnChallenge(AuthenticationContext context, int statusCode, HttpHeaders responseHeaders)
        {
            Challenges.Add(statusCode);
            PreviousChallenges.Add(context.PreviousChallenges);
            context.Headers.Set(HttpHeaderNames.Authorization, "Answered");
            return true;
        }
    }
}
