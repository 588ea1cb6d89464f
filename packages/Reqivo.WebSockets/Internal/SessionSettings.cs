using System;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// What a WebSocket takes from a <see cref="Session"/>: base address, transport, TLS options, connect timeout, clock
/// and (through the connector) default header fields. Only the session's public surface is used. This is the seam
/// where the session's cookies and authentication will join the upgrade request once Sessions exposes them.
/// </summary>
internal static class SessionSettings
{
    public static (Uri Uri, WebSocketOptions Options) Apply(Session session, string url, WebSocketOptions? options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(url);
        SessionOptions configuration = session.Configuration;
        Uri uri;
        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? absolute) && absolute.Scheme is "ws" or "wss" or "http" or "https")
        {
            uri = absolute;
        }
        else if (configuration.BaseAddress is { } baseAddress)
        {
            uri = new Uri(baseAddress, url);
        }
        else
        {
            throw new ArgumentException("The URL is relative and the session has no BaseAddress.", nameof(url));
        }

        WebSocketOptions given = options ?? WebSocketOptions.Default;
        var merged = new WebSocketOptions
        {
            Headers = given.Headers,
            Subprotocols = given.Subprotocols,
            PerMessageDeflate = given.PerMessageDeflate,
            Limits = given.Limits,
            ConnectTimeout = options is null ? configuration.Timeouts.Connect : given.ConnectTimeout,
            KeepAliveInterval = given.KeepAliveInterval,
            KeepAliveTimeout = given.KeepAliveTimeout,
            CloseTimeout = given.CloseTimeout,
            Transport = given.Transport ?? configuration.Transport,
            Tls = given.Tls ?? configuration.Tls,
            Reconnect = given.Reconnect,
            TimeProvider = options is null ? configuration.TimeProvider : given.TimeProvider,
        };
        return (uri, merged);
    }
}
