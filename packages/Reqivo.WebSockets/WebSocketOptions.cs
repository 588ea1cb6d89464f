using System;
using System.Collections.Generic;
using System.Threading;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;
using Reqivo.Transport;

namespace Reqivo.WebSockets;

/// <summary>The configuration of a <see cref="WebSocketClient"/>, fixed when it connects (and reused by every reconnect).</summary>
public sealed class WebSocketOptions
{
    private readonly TimeSpan _connectTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _keepAliveInterval = Timeout.InfiniteTimeSpan;
    private readonly TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(20);
    private readonly TimeSpan _closeTimeout = TimeSpan.FromSeconds(5);
    private readonly IReadOnlyList<string> _subprotocols = [];

    /// <summary>The default options.</summary>
    internal static WebSocketOptions Default { get; } = new();

    /// <summary>
    /// Extra header fields of the upgrade request (for example <c>Authorization</c> or <c>Origin</c>). The fields the
    /// handshake owns (<c>Host</c>, <c>Upgrade</c>, <c>Connection</c> and every <c>Sec-WebSocket-*</c>) are refused:
    /// use <see cref="Subprotocols"/> and <see cref="PerMessageDeflate"/> for those.
    /// </summary>
    public HttpHeaders Headers { get; init; } = new();

    /// <summary>The subprotocols offered in <c>Sec-WebSocket-Protocol</c>, most preferred first (RFC 6455 §4.1); empty offers none.</summary>
    /// <exception cref="ArgumentException">A name is empty or not a token.</exception>
    public IReadOnlyList<string> Subprotocols
    {
        get => _subprotocols;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (string name in value)
            {
                ArgumentException.ThrowIfNullOrEmpty(name, nameof(value));
                foreach (char c in name)
                {
                    // RFC 6455 §4.1: each subprotocol is a token (RFC 2616 §2.2).
                    if (c <= ' ' || c >= '\u007f' || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"The subprotocol '{name}' is not a token (RFC 6455 §4.1).", nameof(value));
                    }
                }
            }

            _subprotocols = [.. value];
        }
    }

    /// <summary>
    /// The permessage-deflate (RFC 7692) offer, or null (the default) to offer no compression. When the server
    /// accepts, whole messages of at least <see cref="PerMessageDeflateOptions.CompressionThreshold"/> bytes and every
    /// message sent with a <see cref="WebSocketMessageWriter"/> are compressed; compressed messages from the server
    /// are inflated (their inflated size is held to <see cref="WebSocketLimits.MaxMessageLength"/>).
    /// </summary>
    public PerMessageDeflateOptions? PerMessageDeflate { get; init; }

    /// <summary>Limits on what the server may send: frame and message lengths (on the wire; decompressed messages are held to <see cref="WebSocketLimits.MaxMessageLength"/> too).</summary>
    public WebSocketLimits Limits { get; init; } = WebSocketLimits.Default;

    /// <summary>
    /// The budget for the whole connect: name resolution, TCP, TLS and the upgrade handshake. Exceeding it raises
    /// <see cref="ConnectTimeoutException"/>. Default 30 s.
    /// </summary>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        init => _connectTimeout = PositiveOrInfinite(value);
    }

    /// <summary>
    /// How often the client sends a Ping when keep-alive is on (RFC 6455 §5.5.2); <see cref="Timeout.InfiniteTimeSpan"/>
    /// (the default) sends none.
    /// </summary>
    public TimeSpan KeepAliveInterval
    {
        get => _keepAliveInterval;
        init => _keepAliveInterval = PositiveOrInfinite(value);
    }

    /// <summary>
    /// How long the client waits for the Pong that answers a keep-alive Ping before it fails the connection (close
    /// status 1006). Default 20 s.
    /// </summary>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        init => _keepAliveTimeout = PositiveOrInfinite(value);
    }

    /// <summary>
    /// How long a close handshake may take: waiting for the server's Close frame after the client's, and for the
    /// server to close the TCP connection after the Close frames (RFC 6455 §7.1.1). When it elapses the client drops
    /// the connection. Default 5 s.
    /// </summary>
    public TimeSpan CloseTimeout
    {
        get => _closeTimeout;
        init => _closeTimeout = PositiveOrInfinite(value);
    }

    /// <summary>The transport for the TCP bytes (default: a <see cref="SocketTransport"/>); <c>wss://</c> wraps it in a <see cref="TlsTransport"/> with <see cref="Tls"/>.</summary>
    public ITransport? Transport { get; init; }

    /// <summary>TLS settings for <c>wss://</c>: verification is on by default.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>Auto-reconnect; null (the default) turns it off.</summary>
    public WebSocketReconnectOptions? Reconnect { get; init; }

    /// <summary>The clock of keep-alive, close and reconnect timers (tests inject their own).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal static TimeSpan PositiveOrInfinite(TimeSpan value) =>
        value == Timeout.InfiniteTimeSpan || (value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The time span must be positive (at most int.MaxValue ms) or Timeout.InfiniteTimeSpan.");
}
