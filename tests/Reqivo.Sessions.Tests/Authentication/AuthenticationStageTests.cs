using System;
using System.Collections.Generic;
using System.IO;
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
/// only for a 401 and at most once per hop, and the challenged response released before the new attempt.
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
    public async Task A_challenge_is_answered_once_per_hop(bool async)
    {
        var script = new ServerScript()
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
        Assert.Equal([401], authenticator.Challenges);
        Assert.Equal(2, authenticator.Prepared);
        Assert.Single(Regex.Matches(server.Connections[0].ReceivedText, "\r\nAuthorization: Answered\r\n"));
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
            context.Headers.Set(HttpHeaderNames.Authorization, "Answered");
            return true;
        }
    }
}
