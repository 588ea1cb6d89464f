using System;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// The opening handshake's request (RFC 6455 §4.1): the fields it owns, the key, and the checks of the caller's
/// extra fields, which run before any byte is sent.
/// </summary>
internal static class HandshakeRequest
{
    private static readonly string[] OwnedFields =
    [
        HttpHeaderNames.Host, HttpHeaderNames.Upgrade, HttpHeaderNames.Connection, HttpHeaderNames.SecWebSocketKey,
        HttpHeaderNames.SecWebSocketVersion, HttpHeaderNames.SecWebSocketProtocol, HttpHeaderNames.SecWebSocketExtensions,
        HttpHeaderNames.SecWebSocketAccept, HttpHeaderNames.ContentLength, HttpHeaderNames.TransferEncoding,
    ];

    /// <summary>Refuses caller fields the handshake writes itself, so a request never carries two values for them.</summary>
    public static void ThrowIfOwnedField(HttpHeaders headers, string paramName)
    {
        foreach (HttpField field in headers)
        {
            if (IsOwned(field.Name))
            {
                throw new ArgumentException(
                    $"The header field '{field.Name}' belongs to the WebSocket handshake and cannot be set; use WebSocketOptions.Subprotocols or PerMessageDeflate instead.",
                    paramName);
            }
        }
    }

    /// <summary>Builds the request head: GET, the target, Host, the extra fields, then the handshake's own fields.</summary>
    public static Http1RequestHead Build(Uri uri, string key, WebSocketOptions options, HttpHeaders? defaults)
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin(uri.PathAndQuery), HostValue(uri));
        HttpHeaders extra = options.Headers;
        if (defaults is not null)
        {
            foreach (HttpField field in defaults)
            {
                // The connection's own fields win over a session's defaults of the same name.
                if (!extra.Contains(field.Name) && !IsOwned(field.Name))
                {
                    head.Headers.Add(field.Name, field.Value);
                }
            }
        }

        foreach (HttpField field in extra)
        {
            head.Headers.Add(field.Name, field.Value);
        }

        // RFC 6455 §4.1, client steps 5–10; RFC 7692 §5 for the offer.
        WebSocketHandshake.AddRequestFields(head.Headers, key, options.Subprotocols, options.PerMessageDeflate);
        return head;
    }

    /// <summary>The Host value: host, bracketed when IPv6, with the port when it is not the scheme's default.</summary>
    public static string HostValue(Uri uri)
    {
        string host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }

    private static bool IsOwned(string name)
    {
        foreach (string owned in OwnedFields)
        {
            if (owned.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
