using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>Validates the server's answer to the opening handshake (RFC 6455 §4.1, the client's steps 1–6).</summary>
internal static class HandshakeResponse
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The negotiated subprotocol and extensions, or a <see cref="WebSocketHandshakeException"/>.</summary>
    public static (string? Subprotocol, string? Extensions) Validate(
        Http1ResponseHead head, string key, IReadOnlyList<string> offeredSubprotocols, bool offeredDeflate)
    {
        int status = head.StatusCode;
        HttpHeaders headers = head.Headers;

        // Step 1: anything but 101 is a refusal (redirects, 401 with WWW-Authenticate, 426 …): its fields go to the caller.
        if (status != 101)
        {
            throw Fail(WebSocketHandshakeError.UnexpectedStatusCode, head, $"The server answered the WebSocket upgrade with {status} {head.ReasonPhrase}, not 101.");
        }

        // Step 2: Upgrade is "websocket", case-insensitively.
        if (!headers.TryGetValue(HttpHeaderNames.Upgrade, out string? upgrade) || !upgrade.Trim().Equals("websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(WebSocketHandshakeError.InvalidUpgrade, head, "The 101 response's Upgrade field is not 'websocket' (RFC 6455 §4.1).");
        }

        // Step 3: Connection has the "upgrade" option.
        if (!HasToken(headers.GetCombinedValue(HttpHeaderNames.Connection), "upgrade"))
        {
            throw Fail(WebSocketHandshakeError.InvalidConnection, head, "The 101 response's Connection field has no 'Upgrade' option (RFC 6455 §4.1).");
        }

        // Step 4: Sec-WebSocket-Accept is base64(SHA-1(key + GUID)).
        IReadOnlyList<string> accepts = headers.GetValues(HttpHeaderNames.SecWebSocketAccept);
        if (accepts.Count != 1 || accepts[0].Trim() != ComputeAccept(key))
        {
            throw Fail(WebSocketHandshakeError.InvalidAccept, head, "The 101 response's Sec-WebSocket-Accept does not match the key sent (RFC 6455 §4.1).");
        }

        // Step 5: no extension the client did not offer.
        string? extensions = headers.GetCombinedValue(HttpHeaderNames.SecWebSocketExtensions);
        if (!string.IsNullOrWhiteSpace(extensions) && !offeredDeflate)
        {
            throw Fail(WebSocketHandshakeError.UnexpectedExtension, head, $"The server selected extensions '{extensions}' that the client did not offer (RFC 6455 §4.1).");
        }

        // Step 6: at most one subprotocol, and one of those offered.
        IReadOnlyList<string> protocols = headers.GetValues(HttpHeaderNames.SecWebSocketProtocol);
        string? subprotocol = null;
        if (protocols.Count > 0)
        {
            string selected = protocols[0].Trim();
            bool offered = false;
            foreach (string name in offeredSubprotocols)
            {
                offered |= name == selected;
            }

            if (protocols.Count > 1 || !offered)
            {
                throw Fail(WebSocketHandshakeError.UnexpectedSubprotocol, head, $"The server selected the subprotocol '{selected}', which the client did not offer (RFC 6455 §4.1).");
            }

            subprotocol = selected;
        }

        return (subprotocol, string.IsNullOrWhiteSpace(extensions) ? null : extensions);
    }

    internal static string ComputeAccept(string key)
    {
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6455 §4.2.2 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake check, not security.
        SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid), hash);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    private static bool HasToken(string? value, string token)
    {
        if (value is null)
        {
            return false;
        }

        foreach (Range part in value.AsSpan().Split(','))
        {
            if (value.AsSpan(part).Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static WebSocketHandshakeException Fail(WebSocketHandshakeError error, Http1ResponseHead head, string message) =>
        new(error, head.StatusCode, head.Headers, message);
}
