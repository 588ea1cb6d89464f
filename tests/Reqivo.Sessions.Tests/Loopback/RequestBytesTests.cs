using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>The exact bytes a request puts on the wire (RFC 9112 §3, §6, §7), as recorded by the scripted server.</summary>
public sealed class RequestBytesTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_GET_is_a_request_line_Host_first_User_Agent_and_no_framing(bool async)
    {
        await using ScriptedTcpServer server = new(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        session.DefaultHeaders.Add("Accept", "*/*");
        var request = new Request(HttpMethods.Get, "/a/b%20c?q=1&r=two");
        request.Headers.Add("X-Trace", "t1");

        using Response response = await session.SendAsync(request, async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            "GET /a/b%20c?q=1&r=two HTTP/1.1\r\n"
            + $"Host: 127.0.0.1:{server.Port}\r\n"
            + "User-Agent: Reqivo/0.1\r\n"
            + "Accept: */*\r\n"
            + "X-Trace: t1\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "\r\n",
            server.Connections[0].ReceivedText);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_body_of_known_length_is_framed_by_Content_Length(bool async)
    {
        await using ScriptedTcpServer server = new(new ServerScript().ReceiveUntil(Scripts.EndOfHead).ReceiveBytes(4).Send(Scripts.Ok).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), UserAgent = null, AutomaticDecompression = false });

        using Response response = await session.SendAsync(new Request(HttpMethods.Post, "/echo") { Body = RequestBody.FromString("ping", "text/plain") }, async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            "POST /echo HTTP/1.1\r\n"
            + $"Host: 127.0.0.1:{server.Port}\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "ping",
            server.Connections[0].ReceivedText);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_body_of_unknown_length_is_chunked_with_a_last_chunk(bool async)
    {
        await using ScriptedTcpServer server = new(new ServerScript().ReceiveUntil("\r\n0\r\n\r\n").Send(Scripts.Ok).NeverRespond());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), UserAgent = null, AutomaticDecompression = false });

        using Response response = await session.SendAsync(
            new Request(HttpMethods.Post, "/up") { Body = RequestBody.FromChunks(Chunks("hello", new string('x', 26)), contentType: null) }, async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            "POST /up HTTP/1.1\r\n"
            + $"Host: 127.0.0.1:{server.Port}\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "\r\n"
            + "5\r\nhello\r\n"
            + "1A\r\n" + new string('x', 26) + "\r\n"
            + "0\r\n\r\n",
            server.Connections[0].ReceivedText,
            ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_default_port_is_left_out_of_Host_and_a_relative_url_resolves_against_the_base(bool async)
    {
        await using ScriptedTcpServer server = new(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = new Uri(Scripts.HttpBase(server), "api/v1/"), UserAgent = null, AutomaticDecompression = false });

        using Response response = await session.SendAsync(new Request(HttpMethods.Delete, "items/7"), async);

        Assert.Equal(new Uri(Scripts.HttpBase(server), "api/v1/items/7"), response.Uri);
        Assert.StartsWith($"DELETE /api/v1/items/7 HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\n\r\n", server.Connections[0].ReceivedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "Content-Length", "3")]
    [InlineData(true, "Content-Length", "3")]
    [InlineData(false, "Transfer-Encoding", "chunked")]
    [InlineData(true, "Transfer-Encoding", "chunked")]
    public async Task Framing_fields_set_by_the_caller_are_refused_before_any_byte_is_sent(bool async, string name, string value)
    {
        await using ScriptedTcpServer server = new(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        var request = new Request(HttpMethods.Post, "/x") { Body = RequestBody.FromString("abc") };
        request.Headers.Add(name, value);

        // A second framing field would let the server and the client disagree on where the body ends (RFC 9112 §6.3).
        await Assert.ThrowsAsync<ArgumentException>(() => session.SendAsync(request, async));

        PoolAssert.Settled(session, idle: 0);
        // The refusal may come after a connection was opened; if so, the client closed it without writing to it.
        for (int i = 0; i < session.GetPoolStatistics().ConnectionsCreated; i++)
        {
            ScriptedConnection opened = await server.WaitForConnectionAsync(i);
            await opened.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Empty(opened.Received);
        }

        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_final_status_before_100_continue_means_the_body_is_never_sent(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(
            new ServerScript().ReceiveUntil(Scripts.EndOfHead).Send("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n").Close());
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            UserAgent = null,
            AutomaticDecompression = false,
            ExpectContinueTimeout = TimeSpan.FromSeconds(30),
        });
        var request = new Request(HttpMethods.Put, "/big") { Body = RequestBody.FromBytes(new byte[50_000]), ExpectContinue = true };

        using (Response response = await session.SendAsync(request, async))
        {
            Assert.Equal(413, response.StatusCode);
        }

        // RFC 9110 §10.1.1: the connection promised a body it will not send, so it is closed, never reused.
        ScriptedConnection refused = await server.WaitForConnectionAsync(0);
        await refused.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(
            "PUT /big HTTP/1.1\r\n"
            + $"Host: 127.0.0.1:{server.Port}\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Expect: 100-continue\r\n"
            + "Content-Length: 50000\r\n"
            + "\r\n",
            refused.ReceivedText);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_ignores_Expect_gets_the_body_after_the_wait(bool async)
    {
        await using ScriptedTcpServer server = new(new ServerScript().ReceiveUntil(Scripts.EndOfHead).ReceiveBytes(20_000).Send(Scripts.Ok).NeverRespond());
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            ExpectContinueTimeout = TimeSpan.FromMilliseconds(200),
        });
        var request = new Request(HttpMethods.Post, "/x") { Body = RequestBody.FromBytes(TestPayload.Create(20_000)), ExpectContinue = true };

        using Response response = await session.SendAsync(request, async);

        Assert.Equal("ok", await response.ReadAsStringAsync(async));
        byte[] received = server.Connections[0].Received;
        Assert.Equal(-1, TestPayload.IndexOfMismatch(received.AsSpan(received.Length - 20_000)));
        // The timed-out wait for 100 did not break the connection.
        PoolAssert.Settled(session, idle: 1);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Chunks(params string[] chunks)
    {
        foreach (string chunk in chunks)
        {
            yield return System.Text.Encoding.ASCII.GetBytes(chunk);
        }
    }
}
