using System;
using System.IO;
using System.Text.Json;
using Reqivo.Protocol.WebSockets;
using Reqivo.Tests;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>RFC 6455 §1.3, §4.1 and §4.2.2: key, accept and the request fields.</summary>
public sealed class WebSocketHandshakeTests
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string SampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [VectorFact]
    public void The_key_and_accept_of_section_1_3_match()
    {
        JsonElement handshake = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("websocket/rfc6455-rfc7692-examples.json")))
            .RootElement.GetProperty("handshake");
        string key = handshake.GetProperty("sec_websocket_key").GetString()!;
        string accept = handshake.GetProperty("expected_sec_websocket_accept").GetString()!;

        Assert.Equal(WebSocketHandshake.AcceptGuid, handshake.GetProperty("guid").GetString());
        Assert.Equal(accept, WebSocketHandshake.ComputeAccept(key));
        Assert.True(WebSocketHandshake.IsAcceptValid(key, accept));
    }

    [Fact]
    public void The_sample_nonce_gives_the_sample_key_and_accept()
    {
        string key = WebSocketHandshake.CreateKey("the sample nonce"u8);

        Assert.Equal(SampleKey, key);
        Assert.Equal(SampleAccept, WebSocketHandshake.ComputeAccept(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s3pPLMBiTxaQ9kYGzzhZRbK+xOo")]
    [InlineData("s3pPLMBiTxaQ9kYGzzhZRbK+xOO=")]
    [InlineData("S3pPLMBiTxaQ9kYGzzhZRbK+xOo=")]
    [InlineData("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\u00e9")]
    [InlineData("s3pPLMBiTxaQ9kYGzzhZRbK+xO\u00ef=")]
    public void Any_other_accept_value_is_invalid(string? accept)
    {
        Assert.False(WebSocketHandshake.IsAcceptValid(SampleKey, accept));
    }

    [Fact]
    public void Fresh_keys_are_16_random_bytes_in_base64()
    {
        string first = WebSocketHandshake.CreateKey();
        string second = WebSocketHandshake.CreateKey();

        Assert.Equal(16, Convert.FromBase64String(first).Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_nonce_must_be_16_bytes()
    {
        Assert.Throws<ArgumentException>(() => WebSocketHandshake.CreateKey(new byte[15]));
    }

    [Fact]
    public void The_request_fields_of_an_upgrade_are_set()
    {
        var headers = new HttpHeaders();
        headers.Add("Sec-WebSocket-Protocol", "stale");

        WebSocketHandshake.AddRequestFields(headers, SampleKey, ["chat", "superchat"], new PerMessageDeflateOptions { ClientNoContextTakeover = true });

        Assert.Equal("websocket", headers.GetCombinedValue("Upgrade"));
        Assert.Equal("Upgrade", headers.GetCombinedValue("Connection"));
        Assert.Equal(SampleKey, headers.GetCombinedValue("Sec-WebSocket-Key"));
        Assert.Equal("13", headers.GetCombinedValue("Sec-WebSocket-Version"));
        Assert.Equal("chat, superchat", headers.GetCombinedValue("Sec-WebSocket-Protocol"));
        Assert.Equal("permessage-deflate; client_no_context_takeover", headers.GetCombinedValue("Sec-WebSocket-Extensions"));
    }

    [Fact]
    public void Nothing_to_offer_writes_no_protocol_or_extensions_field()
    {
        var headers = new HttpHeaders();

        WebSocketHandshake.AddRequestFields(headers, SampleKey);

        Assert.Equal(4, headers.Count);
        Assert.False(headers.Contains("Sec-WebSocket-Protocol"));
        Assert.False(headers.Contains("Sec-WebSocket-Extensions"));
    }

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("x,y")]
    public void Subprotocols_must_be_unique_tokens(params string[] subprotocols)
    {
        Assert.Throws<ArgumentException>(() => WebSocketHandshake.AddRequestFields(new HttpHeaders(), SampleKey, subprotocols));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ=!")]
    public void The_key_must_be_16_bytes_in_base64(string key)
    {
        Assert.Throws<ArgumentException>(() => WebSocketHandshake.AddRequestFields(new HttpHeaders(), key));
    }
}
