using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>
/// An RFC 6455 WebSocket client over Reqivo.Transport (<c>ws://</c> and <c>wss://</c>), with keep-alive pings, the
/// close handshake in both directions and, when <see cref="WebSocketOptions.Reconnect"/> is set, auto-reconnect.
/// Every operation has a synchronous form (blocking socket I/O, no thread-pool thread needed) and an asynchronous
/// form; both run the same code.
/// </summary>
/// <remarks>
/// <para><b>Concurrency.</b> One sender and one receiver may work at the same time, from different threads: a send
/// (or an open <see cref="WebSocketMessageWriter"/>) while another send is in progress throws
/// <see cref="InvalidOperationException"/>, and so does a receive (or an open <see cref="WebSocketMessageStream"/>)
/// while another receive is in progress. Pongs, keep-alive Pings and Close frames go out between the frames of a
/// message being sent, never inside one. <see cref="Close"/>, <see cref="Abort"/>, <see cref="Dispose"/> and the
/// properties may be used from any thread.</para>
/// <para><b>Errors.</b> A receive on a closed connection throws <see cref="WebSocketClosedException"/> (its
/// <see cref="WebSocketClosedException.CloseStatus"/> is 1006 when the connection ended without a Close frame). A
/// server that breaks the protocol gets a Close frame with the code RFC 6455 prescribes (1002, 1007 or 1009), and the
/// receive throws <see cref="Protocol.WebSockets.WebSocketProtocolException"/>. A refused handshake throws
/// <see cref="Protocol.WebSockets.WebSocketHandshakeException"/> with the response's status and fields.</para>
/// <para><b>Auto-reconnect.</b> When the connection is lost (anything but a close the client started), the first
/// receive or send that finds it lost raises <see cref="Disconnected"/>, then tries to connect again with exponential
/// backoff and jitter, raising <see cref="Reconnecting"/> before each attempt and <see cref="Reconnected"/> on
/// success; a receive then goes on with the new connection. Messages are never queued: a send made while another
/// operation is reconnecting throws <see cref="WebSocketReconnectingException"/> (nothing was sent), and a send whose
/// write failed throws <see cref="WebSocketClosedException"/> (the server may have received part of it). Messages the
/// server had sent but the client had not yet read when the connection broke are lost with it. After
/// <see cref="WebSocketReconnectOptions.MaxAttempts"/> failures the client is closed for good.</para>
/// </remarks>
public sealed partial class WebSocketClient : IDisposable, IAsyncDisposable
{
    private readonly WebSocketConnector _connector;
    private readonly WebSocketOptions _options;
    private WebSocketConnection _connection;
    private int _disposed;

    private WebSocketClient(Uri uri, WebSocketOptions options, WebSocketConnector connector, WebSocketConnection connection)
    {
        Uri = uri;
        _options = options;
        _connector = connector;
        _connection = connection;
        Attach(connection);
    }

    /// <summary>The URI connected to (http and https are mapped to ws and wss).</summary>
    public Uri Uri { get; }

    /// <summary>Where the client is in its life.</summary>
    public WebSocketState State => _reconnecting ? WebSocketState.Reconnecting : _connection.State;

    /// <summary>The subprotocol the server selected from <see cref="WebSocketOptions.Subprotocols"/>, or null.</summary>
    public string? Subprotocol => _connection.Subprotocol;

    /// <summary>The <c>Sec-WebSocket-Extensions</c> value the server answered (for example <c>permessage-deflate</c>), or null.</summary>
    public string? Extensions => _connection.Extensions;

    /// <summary>The header fields of the server's 101 response (of the current connection).</summary>
    public HttpHeaders ResponseHeaders => _connection.ResponseHeaders;

    /// <summary>
    /// The close status once the connection is closed, null while it is open: the code of the server's Close frame
    /// (1005 when it had none), the code the client sent when it failed the connection for a protocol violation, or
    /// 1006 when the connection ended without a Close frame (RFC 6455 §7.1.5).
    /// </summary>
    public int? CloseStatus => _connection.CloseStatus;

    /// <summary>The close reason once the connection is closed (empty when none was given), null while it is open.</summary>
    public string? CloseReason => _connection.CloseReason;

    /// <summary>Connects and completes the opening handshake.</summary>
    /// <param name="uri">A <c>ws://</c> or <c>wss://</c> URI (http and https are accepted and mapped).</param>
    /// <param name="options">The configuration; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The open client.</returns>
    /// <exception cref="ArgumentException">The URI is not a WebSocket URI, or <see cref="WebSocketOptions.Headers"/> holds a field the handshake owns.</exception>
    /// <exception cref="ConnectException">The connection could not be opened (<see cref="TlsException"/> for TLS).</exception>
    /// <exception cref="ConnectTimeoutException">The connect and handshake took longer than <see cref="WebSocketOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="Protocol.WebSockets.WebSocketHandshakeException">The server refused the upgrade or answered it wrongly.</exception>
    public static WebSocketClient Connect(Uri uri, WebSocketOptions? options = null, CancellationToken cancellationToken = default) =>
        SyncPath.Result(ConnectCoreAsync(uri, options ?? WebSocketOptions.Default, null, async: false, cancellationToken));

    /// <inheritdoc cref="Connect(Uri, WebSocketOptions?, CancellationToken)"/>
    public static ValueTask<WebSocketClient> ConnectAsync(Uri uri, WebSocketOptions? options = null, CancellationToken cancellationToken = default) =>
        ConnectCoreAsync(uri, options ?? WebSocketOptions.Default, null, async: true, cancellationToken);

    /// <summary>Drops the connection at once, without a close handshake (status 1006). Pending operations fail.</summary>
    public void Abort()
    {
        _closedByUser = true;
        _connection.Abort();
    }

    /// <summary>
    /// Drops the connection without a close handshake (call <see cref="Close"/> first for a clean close) and turns
    /// auto-reconnect off.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Abort();
            _connection.Dispose();
        }
    }

    /// <summary>As <see cref="Dispose"/>: drops the connection without a close handshake.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    internal static async ValueTask<WebSocketClient> ConnectCoreAsync(
        Uri uri, WebSocketOptions options, HttpHeaders? defaultHeaders, bool async, CancellationToken cancellationToken)
    {
        Uri target = WebSocketUri.Normalize(uri, nameof(uri));
        HandshakeRequest.ThrowIfOwnedField(options.Headers, nameof(options));
        var connector = new WebSocketConnector(options, defaultHeaders);
        WebSocketConnection connection = await connector.ConnectAsync(target, async, cancellationToken).ConfigureAwait(false);
        return new WebSocketClient(target, options, connector, connection);
    }

    private void Attach(WebSocketConnection connection) =>
        connection.PongReceived = payload => PongReceived?.Invoke(this, new WebSocketPongEventArgs(payload));
}
