using System;

namespace Reqivo.WebSockets.Internal;

/// <summary>Checks and normalises the URI of a WebSocket (RFC 6455 §3).</summary>
internal static class WebSocketUri
{
    /// <summary>
    /// Returns the URI with a ws or wss scheme: http and https are accepted and mapped (as browsers and
    /// ClientWebSocket do not, but a session's base address usually has them).
    /// </summary>
    /// <exception cref="ArgumentException">The URI is relative, has another scheme, or has a fragment (RFC 6455 §3).</exception>
    public static Uri Normalize(Uri uri, string paramName)
    {
        ArgumentNullException.ThrowIfNull(uri, paramName);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("A WebSocket URI must be absolute (ws:// or wss://).", paramName);
        }

        // RFC 6455 §3: "Fragment identifiers are meaningless in the context of WebSocket URIs and MUST NOT be used".
        if (uri.Fragment.Length > 0)
        {
            throw new ArgumentException("A WebSocket URI must not have a fragment (RFC 6455 §3).", paramName);
        }

        string scheme = uri.Scheme switch
        {
            "ws" or "http" => "ws",
            "wss" or "https" => "wss",
            _ => throw new ArgumentException($"The scheme '{uri.Scheme}' is not a WebSocket scheme; use ws:// or wss://.", paramName),
        };
        if (scheme == uri.Scheme)
        {
            return uri;
        }

        var builder = new UriBuilder(uri) { Scheme = scheme };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }

    public static bool IsSecure(Uri uri) => uri.Scheme == "wss";

    public static int PortOf(Uri uri) => uri.Port > 0 ? uri.Port : IsSecure(uri) ? 443 : 80;
}
