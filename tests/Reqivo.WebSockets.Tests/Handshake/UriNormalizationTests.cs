using System;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets.Tests.Handshake;

/// <summary>RFC 6455 §3 URIs: which are accepted, how http(s) maps to ws(s), the Host value and the port connected to.</summary>
public sealed class UriNormalizationTests
{
    [Theory]
    [InlineData("http://example.com/chat?x=1", "ws://example.com/chat?x=1")]
    [InlineData("https://example.com/chat", "wss://example.com/chat")]
    [InlineData("http://example.com:80/", "ws://example.com/")]
    [InlineData("https://example.com:443/", "wss://example.com/")]
    [InlineData("http://example.com:8080/a", "ws://example.com:8080/a")]
    [InlineData("https://example.com:80/a", "wss://example.com:80/a")]
    [InlineData("http://example.com:443/a", "ws://example.com:443/a")]
    public void Http_schemes_are_mapped_and_a_default_port_is_dropped(string given, string expected)
    {
        Uri normalized = WebSocketUri.Normalize(new Uri(given), "uri");

        Assert.Equal(expected, normalized.AbsoluteUri);
        Assert.True(normalized.IsDefaultPort == new Uri(expected).IsDefaultPort);
    }

    [Theory]
    [InlineData("ws://example.com/a")]
    [InlineData("wss://example.com:9000/a?b")]
    public void A_ws_uri_is_returned_as_given(string given)
    {
        var uri = new Uri(given);

        Assert.Same(uri, WebSocketUri.Normalize(uri, "uri"));
    }

    [Theory]
    [InlineData("ftp://example.com/", "ftp")]
    [InlineData("file:///tmp/x", "file")]
    public void Another_scheme_is_refused_naming_it(string given, string scheme)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => WebSocketUri.Normalize(new Uri(given), "target"));

        Assert.Equal("target", error.ParamName);
        Assert.Contains($"'{scheme}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_uri_a_fragment_and_null_are_refused_with_the_parameter_name()
    {
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => WebSocketUri.Normalize(new Uri("/chat", UriKind.Relative), "target")).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => WebSocketUri.Normalize(new Uri("ws://example.com/#f"), "target")).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => WebSocketUri.Normalize(null!, "target")).ParamName);
    }

    [Fact]
    public void Connect_refuses_a_null_or_relative_uri_before_connecting()
    {
        Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => WebSocketClient.Connect(null!)).ParamName);
        Assert.Equal("uri", Assert.Throws<ArgumentException>(() => WebSocketClient.Connect(new Uri("/x", UriKind.Relative))).ParamName);
        Assert.Equal("uri", Assert.Throws<ArgumentException>(() => WebSocketClient.ConnectAsync(new Uri("ftp://127.0.0.1/")).AsTask().GetAwaiter().GetResult()).ParamName);
    }

    [Theory]
    [InlineData("ws://example.com/", 80, false)]
    [InlineData("wss://example.com/", 443, true)]
    [InlineData("ws://example.com:8080/", 8080, false)]
    [InlineData("wss://example.com:8443/", 8443, true)]
    public void The_port_defaults_to_the_schemes(string uri, int port, bool secure)
    {
        Assert.Equal(port, WebSocketUri.PortOf(new Uri(uri)));
        Assert.Equal(secure, WebSocketUri.IsSecure(new Uri(uri)));
    }

    [Theory]
    [InlineData("ws://example.com/", "example.com")]
    [InlineData("ws://example.com:81/", "example.com:81")]
    [InlineData("wss://example.com:443/", "example.com")]
    [InlineData("ws://[::1]/", "[::1]")]
    [InlineData("ws://[::1]:9000/", "[::1]:9000")]
    [InlineData("ws://b\u00fccher.example/", "xn--bcher-kva.example")]
    public void The_Host_value_brackets_IPv6_and_names_a_non_default_port(string uri, string expected) =>
        Assert.Equal(expected, HandshakeRequest.HostValue(new Uri(uri)));
}
