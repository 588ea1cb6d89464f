using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// Upgrade answers a plain echo server never gives: an interim response first, a head larger than the receive buffer,
/// the connection ending before or during the answer. Failures name the request without its secrets.
/// </summary>
public sealed class HandshakeResponseTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_interim_response_before_the_101_is_skipped(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Concat("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ServerFrames.Accept(received, ServerFrames.Text("hi"))))
            .NeverRespond());

        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server, "/"), null, async);

        Assert.Equal("hi", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_101_head_larger_than_the_receive_buffer_is_read_and_the_frames_after_it_too(bool async)
    {
        string big = new('v', 40_000);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, ServerFrames.Text("after the head"), extraFields: $"X-Big: {big}\r\n"))
            .NeverRespond());

        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server, "/"), null, async);

        Assert.True(client.ResponseHeaders.TryGetValue("X-Big", out string? value));
        Assert.Equal(big, value);
        Assert.Equal("after the head", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_large_101_after_an_interim_response_is_read_whole(bool async)
    {
        // The interim response is consumed first, so the buffer fills up with unread bytes behind a consumed prefix.
        string big = new('w', 40_000);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Concat(
                "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(),
                ServerFrames.Accept(received, ServerFrames.Text("behind both"), extraFields: $"X-Big: {big}\r\n")))
            .NeverRespond());

        using WebSocketClient client = await Modes.ConnectAsync(UriOf(server, "/"), null, async);

        Assert.True(client.ResponseHeaders.TryGetValue("X-Big", out string? value));
        Assert.Equal(big, value);
        Assert.Equal("behind both", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_server_that_closes_before_answering_fails_the_connect_naming_the_request_without_secrets(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Close());
        var uri = new Uri($"ws://user:hunter2@127.0.0.1:{server.Port}/chat?token=secret");

        ReqivoException error = await Assert.ThrowsAnyAsync<ReqivoException>(() => Modes.ConnectAsync(uri, null, async));

        Assert.IsAssignableFrom<ProtocolException>(error);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal($"ws://127.0.0.1:{server.Port}/chat", error.RequestUrl);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_refused_upgrade_closes_the_connection_it_was_made_on(bool async)
    {
        // The server waits for one more byte: only the client closing the connection ends that wait.
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n").ReceiveBytes(1));

        await Assert.ThrowsAsync<Protocol.WebSockets.WebSocketHandshakeException>(() => Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), null, async));

        ScriptedConnection connection = await server.WaitForConnectionAsync(0);
        await connection.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsType<EndOfStreamException>(connection.Failure);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_refusal_names_the_request_without_secrets(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n").Close());
        var uri = new Uri($"ws://user:hunter2@127.0.0.1:{server.Port}/room/1?token=secret");

        Protocol.WebSockets.WebSocketHandshakeException error =
            await Assert.ThrowsAsync<Protocol.WebSockets.WebSocketHandshakeException>(() => Modes.ConnectAsync(uri, null, async));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal($"ws://127.0.0.1:{server.Port}/room/1", error.RequestUrl);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_reset_during_the_handshake_is_a_ConnectException_naming_the_endpoint(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Send("HTTP/1.1 101 Swi").Abort());

        ConnectException error = await Assert.ThrowsAsync<ConnectException>(() => Modes.ConnectAsync(UriOf(server, "/x?q=1"), null, async));

        Assert.Equal(server.Port, error.Port);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal($"ws://127.0.0.1:{server.Port}/x", error.RequestUrl);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_refused_connect_names_the_request(bool async)
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        ConnectException error = await Assert.ThrowsAsync<ConnectException>(() => Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/chat?k=v"), null, async));

        Assert.Equal(port, error.Port);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal($"ws://127.0.0.1:{port}/chat", error.RequestUrl);
    }

    private static Uri UriOf(ScriptedTcpServer server, string pathAndQuery) => new($"ws://127.0.0.1:{server.Port}{pathAndQuery}");
}
