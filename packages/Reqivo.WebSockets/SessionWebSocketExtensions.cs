using System.Threading;
using System.Threading.Tasks;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>Opening a <see cref="WebSocketClient"/> with a <see cref="Session"/>'s settings.</summary>
public static class SessionWebSocketExtensions
{
    /// <summary>
    /// Connects a WebSocket with the session's settings: its base address resolves a relative
    /// <paramref name="url"/>, and its transport, TLS options, connect timeout, clock and default header fields apply
    /// unless <paramref name="options"/> sets its own. The session's connection pool is not used: a WebSocket owns
    /// its connection.
    /// </summary>
    /// <param name="session">The session whose settings to use.</param>
    /// <param name="url">An absolute WebSocket URI, or one relative to the session's base address.</param>
    /// <param name="options">Settings that override the session's; null for the session's alone.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The open client.</returns>
    /// <exception cref="System.ArgumentException">The URL is not a WebSocket URI, or is relative and the session has no base address.</exception>
    public static WebSocketClient ConnectWebSocket(this Session session, string url, WebSocketOptions? options = null, CancellationToken cancellationToken = default)
    {
        (System.Uri uri, WebSocketOptions merged) = SessionSettings.Apply(session, url, options);
        return SyncPath.Result(WebSocketClient.ConnectCoreAsync(uri, merged, session.DefaultHeaders, async: false, cancellationToken));
    }

    /// <inheritdoc cref="ConnectWebSocket(Session, string, WebSocketOptions?, CancellationToken)"/>
    public static ValueTask<WebSocketClient> ConnectWebSocketAsync(this Session session, string url, WebSocketOptions? options = null, CancellationToken cancellationToken = default)
    {
        (System.Uri uri, WebSocketOptions merged) = SessionSettings.Apply(session, url, options);
        return WebSocketClient.ConnectCoreAsync(uri, merged, session.DefaultHeaders, async: true, cancellationToken);
    }
}
