using System;
using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 6455 §4.1 (client requirements of the opening handshake), §4.2.2 (Sec-WebSocket-Accept) and §9.1
/// (Sec-WebSocket-Extensions grammar), checked against <see cref="WebSocketHandshake"/> and
/// <see cref="WebSocketExtensionParser"/>.
/// </summary>
internal static class Rfc6455HandshakeCases
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    public static IEnumerable<ConformanceCase> All()
    {
        // §1.3 / §4.2.2 (5.4): the accept value is base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
        yield return new("6455-4.2.2-accept", "6455", "4.2.2", RequirementLevel.Must,
            "Sec-WebSocket-Accept is computed as in the example of §1.3",
            () => Expect.Equal(Accept, WebSocketHandshake.ComputeAccept(Key), "accept for the sample key"));

        // §4.1 (7): "The request MUST include a header field with the name |Sec-WebSocket-Key|. The value ... MUST be a
        // nonce consisting of a randomly selected 16-byte value that has been base64-encoded".
        yield return new("6455-4.1-key", "6455", "4.1", RequirementLevel.Must,
            "The key is 16 random bytes in base64, fresh for every handshake",
            () =>
            {
                string first = WebSocketHandshake.CreateKey();
                Expect.Equal(16, Convert.FromBase64String(first).Length, "decoded key length");
                Expect.True(first != WebSocketHandshake.CreateKey(), "two keys differ");
            });

        // §4.1 (5), (6), (9): Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Version: 13.
        yield return new("6455-4.1-request-fields", "6455", "4.1", RequirementLevel.Must,
            "The upgrade request carries Upgrade, Connection, Sec-WebSocket-Key and Sec-WebSocket-Version: 13",
            () =>
            {
                var headers = new HttpHeaders();
                WebSocketHandshake.AddRequestFields(headers, Key);
                Expect.Values(headers, "Upgrade", ["websocket"], "Upgrade");
                Expect.Values(headers, "Connection", ["Upgrade"], "Connection");
                Expect.Values(headers, "Sec-WebSocket-Key", [Key], "key");
                Expect.Values(headers, "Sec-WebSocket-Version", ["13"], "version");
            });

        // §4.1 (10): subprotocol values "MUST all be unique strings" and tokens.
        yield return new("6455-4.1-subprotocol-unique", "6455", "4.1", RequirementLevel.Must,
            "Offered subprotocols are unique tokens",
            () => Expect.Throws<ArgumentException>(() => WebSocketHandshake.AddRequestFields(new HttpHeaders(), Key, ["chat", "chat"]), "duplicate subprotocol"));

        yield return Refusal("6455-4.1-status", "1", 200, Valid(), WebSocketHandshakeError.UnexpectedStatusCode,
            "A status other than 101 does not establish the connection");
        yield return Refusal("6455-4.1-upgrade", "2", 101, Valid(("Upgrade", "h2c")), WebSocketHandshakeError.InvalidUpgrade,
            "An Upgrade field other than websocket fails the connection");
        yield return Refusal("6455-4.1-connection", "3", 101, Valid(("Connection", "keep-alive")), WebSocketHandshakeError.InvalidConnection,
            "A Connection field without the upgrade option fails the connection");
        yield return Refusal("6455-4.1-accept", "4", 101, Valid(("Sec-WebSocket-Accept", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")), WebSocketHandshakeError.InvalidAccept,
            "A wrong Sec-WebSocket-Accept fails the connection");
        yield return Refusal("6455-4.1-extension", "5", 101, Valid(("Sec-WebSocket-Extensions", "x-unknown")), WebSocketHandshakeError.UnexpectedExtension,
            "An extension the client did not offer fails the connection");
        yield return Refusal("6455-4.1-subprotocol", "6", 101, Valid(("Sec-WebSocket-Protocol", "unknown")), WebSocketHandshakeError.UnexpectedSubprotocol,
            "A subprotocol the client did not offer fails the connection");

        // §4.1 (2), (3): "ASCII case-insensitive match for the value "websocket"" / "Upgrade"".
        yield return new("6455-4.1-case-insensitive", "6455", "4.1", RequirementLevel.Must,
            "Upgrade and Connection values match case-insensitively",
            () =>
            {
                var headers = new HttpHeaders();
                headers.Add("Upgrade", "WEBSOCKET");
                headers.Add("Connection", "keep-alive, upgrade");
                headers.Add("Sec-WebSocket-Accept", Accept);
                Expect.True(WebSocketHandshake.ValidateResponse(101, headers, Key).Subprotocol is null, "accepted");
            });

        // §9.1: extension-param = token [ "=" (token | quoted-string) ]; a quoted value must be a token once unescaped.
        yield return new("6455-9.1-quoted-value", "6455", "9.1", RequirementLevel.Must,
            "A quoted parameter value is unescaped, and must then be a token",
            () =>
            {
                var parsed = WebSocketExtensionParser.Parse("permessage-deflate; server_max_window_bits=\"10\"");
                Expect.Equal("10", parsed[0].Parameters[0].Value, "unquoted value");
                Expect.Throws<FormatException>(() => WebSocketExtensionParser.Parse("e; p=\"a b\""), "quoted value with a space");
            });
    }

    // §4.1 client steps 1–6: "If the server's response does not conform to the requirements ... the client MUST _Fail
    // the WebSocket Connection_."
    private static ConformanceCase Refusal(string id, string step, int status, HttpHeaders headers, WebSocketHandshakeError error, string requirement) =>
        new(id, "6455", "4.1", RequirementLevel.Must, $"{requirement} (client step {step})", () =>
        {
            var refused = Expect.Throws<WebSocketHandshakeException>(
                () => WebSocketHandshake.ValidateResponse(status, headers, Key, ["chat"], new PerMessageDeflateOptions()),
                "response");
            Expect.Equal(error, refused.Error, "kind of refusal");
            Expect.Equal(status, refused.StatusCode, "status carried");
        });

    private static HttpHeaders Valid(params (string Name, string Value)[] changes)
    {
        var headers = new HttpHeaders();
        headers.Add("Upgrade", "websocket");
        headers.Add("Connection", "Upgrade");
        headers.Add("Sec-WebSocket-Accept", Accept);
        foreach ((string name, string value) in changes)
        {
            headers.Set(name, value);
        }

        return headers;
    }
}
