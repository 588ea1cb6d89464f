using System;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>The opening handshake against ASP.NET Core: subprotocols, extra fields, sessions and refusals.</summary>
public sealed class HandshakeTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_subprotocol_the_server_selects_is_reported(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var options = new WebSocketOptions { Subprotocols = ["chat.v2", "chat.v1"] };

        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/subprotocol"), options, async);

        Assert.Equal("chat.v2", client.Subprotocol);
        Assert.Equal("chat.v2", (await client.ReceiveAsync(async)).Text);
        Assert.True(client.ResponseHeaders.Contains("Sec-WebSocket-Accept"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Extra_header_fields_reach_the_server(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var headers = new HttpHeaders();
        headers.Add("X-Token", "abc123");

        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/header?name=X-Token"), new WebSocketOptions { Headers = headers }, async);

        Assert.Equal("abc123", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_session_lends_its_base_address_and_default_fields(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions { BaseAddress = host.BaseUri });
        session.DefaultHeaders.Add("X-Session", "from-session");

        using WebSocketClient client = async
            ? await session.ConnectWebSocketAsync("/ws/header?name=X-Session")
            : session.ConnectWebSocket("/ws/header?name=X-Session");

        Assert.Equal("ws", client.Uri.Scheme);
        Assert.Equal("from-session", (await client.ReceiveAsync(async)).Text);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_refusal_raises_WebSocketHandshakeException_with_status_and_fields(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();

        WebSocketHandshakeException error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Modes.ConnectAsync(host.Ws("/set-header?name=WWW-Authenticate&value=Bearer"), null, async));

        Assert.Equal(WebSocketHandshakeError.UnexpectedStatusCode, error.Error);
        Assert.Equal(200, error.StatusCode);
        Assert.NotNull(error.Headers);
        Assert.True(error.Headers.TryGetValue("WWW-Authenticate", out string? value));
        Assert.Equal("Bearer", value);
        Assert.Equal("GET", error.RequestMethod);
    }

    [Fact]
    public async Task A_field_owned_by_the_handshake_is_refused_before_connecting()
    {
        KestrelTestHost host = await hosts.GetAsync();
        int connections = host.ConnectionCount;
        var headers = new HttpHeaders();
        headers.Add("Sec-WebSocket-Key", "forged");

        await Assert.ThrowsAsync<ArgumentException>(() => WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), new WebSocketOptions { Headers = headers }).AsTask());

        Assert.Equal(connections, host.ConnectionCount);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/ws")]
    [InlineData("ws://127.0.0.1/ws#fragment")]
    public void A_uri_that_is_not_a_WebSocket_uri_is_refused(string uri)
    {
        Assert.Throws<ArgumentException>(() => WebSocketClient.Connect(new Uri(uri)));
    }
}
