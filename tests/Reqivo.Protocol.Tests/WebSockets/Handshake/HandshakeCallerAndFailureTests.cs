using System;
using System.Security.Cryptography;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>Handshake arguments, replaced request fields, the accept check at its edges, and what each failure names.</summary>
public sealed class HandshakeCallerAndFailureTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        var headers = new HttpHeaders();

        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => WebSocketHandshake.AddRequestFields(null!, Key)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => WebSocketHandshake.AddRequestFields(headers, null!)).ParamName);
        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => WebSocketHandshake.ValidateResponse(101, null!, Key)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => WebSocketHandshake.ValidateResponse(101, headers, null!)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => WebSocketHandshake.ComputeAccept(null!)).ParamName);
    }

    [Fact]
    public void Request_fields_left_from_an_earlier_offer_are_removed_when_nothing_is_offered()
    {
        var headers = new HttpHeaders();
        headers.Add("Sec-WebSocket-Protocol", "chat");
        headers.Add("Sec-WebSocket-Extensions", "permessage-deflate");

        WebSocketHandshake.AddRequestFields(headers, Key);

        Assert.False(headers.Contains("Sec-WebSocket-Protocol"));
        Assert.False(headers.Contains("Sec-WebSocket-Extensions"));
        Assert.Equal(Key, headers.GetCombinedValue("Sec-WebSocket-Key"));
    }

    [Fact]
    public void A_non_ascii_character_never_matches_even_when_its_low_byte_would()
    {
        // U+0173 has the low byte 0x73, the 's' the accept value starts with.
        Assert.True(WebSocketHandshake.IsAcceptValid(Key, Accept));
        Assert.False(WebSocketHandshake.IsAcceptValid(Key, "\u0173" + Accept[1..]));
    }

    [Theory]
    [InlineData(219)]
    [InlineData(220)]
    [InlineData(300)]
    public void Long_keys_are_hashed_whole(int keyLength)
    {
        // key + GUID is 255, 256 and 336 bytes: on both sides of the 256-byte stack buffer.
        string key = new('k', keyLength);

        Assert.Equal(IndependentAccept(key), WebSocketHandshake.ComputeAccept(key));
        Assert.True(WebSocketHandshake.IsAcceptValid(key, IndependentAccept(key)));
    }

    [Fact]
    public void Each_failure_names_what_was_wrong()
    {
        Assert.Contains("did not switch protocols", Fails(200, Valid()), StringComparison.Ordinal);
        Assert.Contains("(status 200)", Fails(200, Valid()), StringComparison.Ordinal);
        Assert.Contains("Upgrade field is not \"websocket\"", Fails(101, Valid(upgrade: "h2c")), StringComparison.Ordinal);
        Assert.Contains("Connection field has no \"upgrade\" option", Fails(101, Valid(connection: "close")), StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept is missing, repeated or does not match the key", Fails(101, Valid(accept: "x")), StringComparison.Ordinal);
        Assert.Contains("subprotocol the client did not offer", Fails(101, With("Sec-WebSocket-Protocol", "other")), StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Extensions is malformed (RFC 6455 §9.1)", Fails(101, With("Sec-WebSocket-Extensions", "a b")), StringComparison.Ordinal);
        Assert.Contains("the extension 'x-custom', which was not offered", Fails(101, With("Sec-WebSocket-Extensions", "x-custom")), StringComparison.Ordinal);
        Assert.Contains("permessage-deflate twice", Fails(101, With("Sec-WebSocket-Extensions", "permessage-deflate, permessage-deflate")), StringComparison.Ordinal);
        Assert.Contains(
            "permessage-deflate: unknown parameter 'x'",
            Fails(101, With("Sec-WebSocket-Extensions", "permessage-deflate; x")),
            StringComparison.Ordinal);
    }

    private static string Fails(int status, HttpHeaders headers) =>
        Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.ValidateResponse(status, headers, Key, ["chat"], new PerMessageDeflateOptions())).Message;

    private static HttpHeaders Valid(string upgrade = "websocket", string connection = "Upgrade", string accept = Accept)
    {
        var headers = new HttpHeaders();
        headers.Add("Upgrade", upgrade);
        headers.Add("Connection", connection);
        headers.Add("Sec-WebSocket-Accept", accept);
        return headers;
    }

    private static HttpHeaders With(string name, string value)
    {
        HttpHeaders headers = Valid();
        headers.Add(name, value);
        return headers;
    }

    private static string IndependentAccept(string key)
    {
        // RFC 6455 §4.2.2 (5.4) prescribes SHA-1.
#pragma warning disable CA5350
        return Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(key + WebSocketHandshake.AcceptGuid)));
#pragma warning restore CA5350
    }
}
