using System;
using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets.Tests.Handshake;

/// <summary>The upgrade request's fields: those the handshake owns are refused, a session's defaults yield to the caller's.</summary>
public sealed class HandshakeFieldTests
{
    [Theory]
    [InlineData("Host")]
    [InlineData("upgrade")]
    [InlineData("CONNECTION")]
    [InlineData("Sec-WebSocket-Key")]
    [InlineData("sec-websocket-version")]
    [InlineData("Sec-WebSocket-Protocol")]
    [InlineData("Sec-WebSocket-Extensions")]
    [InlineData("Sec-WebSocket-Accept")]
    [InlineData("Content-Length")]
    [InlineData("Transfer-Encoding")]
    public void A_field_the_handshake_owns_is_refused_naming_it(string name)
    {
        var headers = new HttpHeaders();
        headers.Add("X-Fine", "1");
        headers.Add(name, "value");

        ArgumentException error = Assert.Throws<ArgumentException>(() => HandshakeRequest.ThrowIfOwnedField(headers, "options"));

        Assert.Equal("options", error.ParamName);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_fields_are_allowed()
    {
        var headers = new HttpHeaders();
        headers.Add("Authorization", "Bearer x");
        headers.Add("Origin", "https://example.com");
        headers.Add("Sec-Fetch-Mode", "websocket");

        HandshakeRequest.ThrowIfOwnedField(headers, "options");

        Http1RequestHead head = HandshakeRequest.Build(new Uri("ws://example.com/"), "dGhlIHNhbXBsZSBub25jZQ==", new WebSocketOptions { Headers = headers }, null);
        Assert.Equal("Bearer x", Value(head, "Authorization"));
        Assert.Equal("https://example.com", Value(head, "Origin"));
    }

    [Fact]
    public void Connect_refuses_an_owned_field_with_the_options_parameter_name()
    {
        var headers = new HttpHeaders();
        headers.Add("Upgrade", "h2c");

        ArgumentException error = Assert.Throws<ArgumentException>(() => WebSocketClient.Connect(new Uri("ws://127.0.0.1:1/"), new WebSocketOptions { Headers = headers }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void The_request_is_a_GET_of_the_path_and_query_with_the_Host_of_the_uri()
    {
        Http1RequestHead head = HandshakeRequest.Build(new Uri("ws://example.com:8080/chat/room?id=7"), "dGhlIHNhbXBsZSBub25jZQ==", new WebSocketOptions(), null);

        Assert.Equal("GET", head.Method);
        Assert.Equal("/chat/room?id=7", head.Target.Value);
        Assert.Equal("example.com:8080", head.Host);
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", Value(head, "Sec-WebSocket-Key"));
    }

    [Fact]
    public void Session_defaults_are_sent_unless_the_options_name_the_field_or_the_handshake_owns_it()
    {
        var defaults = new HttpHeaders();
        defaults.Add("X-Default", "from-session");
        defaults.Add("x-shared", "from-session");
        defaults.Add("Sec-WebSocket-Protocol", "sneaky");
        defaults.Add("Connection", "close");
        var own = new HttpHeaders();
        own.Add("X-Shared", "from-options");

        Http1RequestHead head = HandshakeRequest.Build(new Uri("ws://example.com/"), "dGhlIHNhbXBsZSBub25jZQ==", new WebSocketOptions { Headers = own, Subprotocols = ["chat"] }, defaults);

        Assert.Equal("from-session", Value(head, "X-Default"));
        Assert.Equal(["from-options"], Values(head, "X-Shared"));
        Assert.Equal(["chat"], Values(head, "Sec-WebSocket-Protocol"));
        Assert.Equal(["Upgrade"], Values(head, "Connection"));
    }

    private static string? Value(Http1RequestHead head, string name) =>
        head.Headers.TryGetValue(name, out string? value) ? value : null;

    private static List<string> Values(Http1RequestHead head, string name) => [.. head.Headers.GetValues(name)];
}
