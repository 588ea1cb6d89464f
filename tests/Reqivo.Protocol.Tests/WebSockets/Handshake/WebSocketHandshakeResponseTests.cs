using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>RFC 6455 §4.1 client steps 1–6 and RFC 7692 §5: each way a 101 response can fail, one test each.</summary>
public sealed class WebSocketHandshakeResponseTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static readonly string[] Offered = ["chat", "superchat"];
    private static readonly PerMessageDeflateOptions Deflate = new();

    [Fact]
    public void A_valid_response_is_accepted_with_what_it_selected()
    {
        HttpHeaders headers = Valid();
        headers.Add("Sec-WebSocket-Protocol", "superchat");
        headers.Add("Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=12");

        WebSocketHandshakeResult result = Validate(headers);

        Assert.Equal("superchat", result.Subprotocol);
        Assert.Equal("permessage-deflate", Assert.Single(result.Extensions).Name);
        Assert.Equal(12, result.PerMessageDeflate!.ServerMaxWindowBits);
    }

    [Fact]
    public void A_response_without_selections_has_none()
    {
        WebSocketHandshakeResult result = Validate(Valid());

        Assert.Null(result.Subprotocol);
        Assert.Empty(result.Extensions);
        Assert.Null(result.PerMessageDeflate);
    }

    [Fact]
    public void Upgrade_and_connection_are_case_insensitive_and_connection_is_a_list()
    {
        var headers = new HttpHeaders();
        headers.Add("Upgrade", "WebSocket");
        headers.Add("Connection", "keep-alive, UPGRADE");
        headers.Add("Sec-WebSocket-Accept", Accept);

        Assert.Null(Validate(headers).Subprotocol);
    }

    [Fact]
    public void A_status_other_than_101_fails_with_the_status_and_fields()
    {
        HttpHeaders headers = Valid();
        headers.Add("WWW-Authenticate", "Basic realm=\"x\"");

        var error = Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.ValidateResponse(401, headers, Key));

        Assert.Equal(WebSocketHandshakeError.UnexpectedStatusCode, error.Error);
        Assert.Equal(401, error.StatusCode);
        Assert.Same(headers, error.Headers);
        Assert.IsAssignableFrom<ReqivoException>(error);
    }

    [Fact]
    public void A_missing_upgrade_fails() => Fails(WebSocketHandshakeError.InvalidUpgrade, Without("Upgrade"));

    [Fact]
    public void An_upgrade_to_another_protocol_fails() => Fails(WebSocketHandshakeError.InvalidUpgrade, Replace("Upgrade", "h2c"));

    [Fact]
    public void An_upgrade_listing_more_than_websocket_fails() => Fails(WebSocketHandshakeError.InvalidUpgrade, Replace("Upgrade", "websocket, h2c"));

    [Fact]
    public void A_missing_connection_fails() => Fails(WebSocketHandshakeError.InvalidConnection, Without("Connection"));

    [Fact]
    public void A_connection_without_upgrade_fails() => Fails(WebSocketHandshakeError.InvalidConnection, Replace("Connection", "keep-alive, upgraded"));

    [Fact]
    public void A_missing_accept_fails() => Fails(WebSocketHandshakeError.InvalidAccept, Without("Sec-WebSocket-Accept"));

    [Fact]
    public void A_wrong_accept_fails() => Fails(WebSocketHandshakeError.InvalidAccept, Replace("Sec-WebSocket-Accept", WebSocketHandshake.ComputeAccept("AAAAAAAAAAAAAAAAAAAAAA==")));

    [Fact]
    public void A_repeated_accept_fails()
    {
        HttpHeaders headers = Valid();
        headers.Add("Sec-WebSocket-Accept", Accept);
        Fails(WebSocketHandshakeError.InvalidAccept, headers);
    }

    [Fact]
    public void A_subprotocol_that_was_not_offered_fails() => Fails(WebSocketHandshakeError.UnexpectedSubprotocol, With("Sec-WebSocket-Protocol", "otherchat"));

    [Fact]
    public void A_subprotocol_differing_in_case_fails() => Fails(WebSocketHandshakeError.UnexpectedSubprotocol, With("Sec-WebSocket-Protocol", "Chat"));

    [Fact]
    public void Several_subprotocols_fail() => Fails(WebSocketHandshakeError.UnexpectedSubprotocol, With("Sec-WebSocket-Protocol", "chat, superchat"));

    [Fact]
    public void A_subprotocol_when_none_was_offered_fails()
    {
        var error = Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.ValidateResponse(101, With("Sec-WebSocket-Protocol", "chat"), Key));
        Assert.Equal(WebSocketHandshakeError.UnexpectedSubprotocol, error.Error);
    }

    [Fact]
    public void An_extension_that_was_not_offered_fails() => Fails(WebSocketHandshakeError.UnexpectedExtension, With("Sec-WebSocket-Extensions", "x-webkit-deflate-frame"));

    [Fact]
    public void Permessage_deflate_when_it_was_not_offered_fails()
    {
        var error = Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.ValidateResponse(101, With("Sec-WebSocket-Extensions", "permessage-deflate"), Key, Offered));
        Assert.Equal(WebSocketHandshakeError.UnexpectedExtension, error.Error);
    }

    [Fact]
    public void Permessage_deflate_twice_fails() => Fails(WebSocketHandshakeError.DuplicateExtension, With("Sec-WebSocket-Extensions", "permessage-deflate, permessage-deflate"));

    [Fact]
    public void Permessage_deflate_twice_on_two_lines_fails()
    {
        HttpHeaders headers = With("Sec-WebSocket-Extensions", "permessage-deflate");
        headers.Add("Sec-WebSocket-Extensions", "permessage-deflate");
        Fails(WebSocketHandshakeError.DuplicateExtension, headers);
    }

    [Fact]
    public void A_malformed_extensions_field_fails() => Fails(WebSocketHandshakeError.MalformedExtensions, With("Sec-WebSocket-Extensions", "permessage-deflate; =1"));

    [Fact]
    public void Invalid_deflate_parameters_fail() => Fails(WebSocketHandshakeError.InvalidExtensionParameters, With("Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=7"));

    private static WebSocketHandshakeResult Validate(HttpHeaders headers) => WebSocketHandshake.ValidateResponse(101, headers, Key, Offered, Deflate);

    private static void Fails(WebSocketHandshakeError expected, HttpHeaders headers)
    {
        var error = Assert.Throws<WebSocketHandshakeException>(() => Validate(headers));
        Assert.Equal(expected, error.Error);
        Assert.Equal(101, error.StatusCode);
        Assert.Same(headers, error.Headers);
    }

    private static HttpHeaders Valid()
    {
        var headers = new HttpHeaders();
        headers.Add("Upgrade", "websocket");
        headers.Add("Connection", "Upgrade");
        headers.Add("Sec-WebSocket-Accept", Accept);
        return headers;
    }

    private static HttpHeaders With(string name, string value)
    {
        HttpHeaders headers = Valid();
        headers.Add(name, value);
        return headers;
    }

    private static HttpHeaders Without(string name)
    {
        HttpHeaders headers = Valid();
        headers.Remove(name);
        return headers;
    }

    private static HttpHeaders Replace(string name, string value)
    {
        HttpHeaders headers = Valid();
        headers.Set(name, value);
        return headers;
    }
}
