using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>The client's side of the close handshake (RFC 6455 §7.1.2).</summary>
public sealed partial class WebSocketClient
{
    private volatile bool _closedByUser;

    /// <summary>
    /// Closes the connection cleanly: sends a Close frame with <paramref name="code"/> and <paramref name="reason"/>,
    /// waits for the server's Close frame (read here, or by the receive in progress on another thread) and for the
    /// server to close TCP, all within <see cref="WebSocketOptions.CloseTimeout"/>, after which the connection is
    /// dropped (status 1006). Turns auto-reconnect off. Does nothing on a closed connection.
    /// </summary>
    /// <param name="code">The status code: 1000 (the default), 1001–1003, 1007–1014 or 3000–4999.</param>
    /// <param name="reason">A reason of at most 123 UTF-8 bytes, or null.</param>
    /// <param name="cancellationToken">Cancels the close (the connection is then dropped).</param>
    /// <exception cref="ArgumentOutOfRangeException">The code may not be sent in a Close frame.</exception>
    /// <exception cref="ArgumentException">The reason is longer than 123 bytes in UTF-8.</exception>
    public void Close(int code = WebSocketCloseStatus.NormalClosure, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateClose(code, reason);
        _closedByUser = true;
        SyncPath.Wait(_connection.CloseAsync(code, reason, async: false, cancellationToken));
    }

    /// <inheritdoc cref="Close(int, string?, CancellationToken)"/>
    /// <returns>Completes when the connection is closed.</returns>
    public ValueTask CloseAsync(int code = WebSocketCloseStatus.NormalClosure, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateClose(code, reason);
        _closedByUser = true;
        return _connection.CloseAsync(code, reason, async: true, cancellationToken);
    }

    private static void ValidateClose(int code, string? reason)
    {
        // RFC 6455 §7.4: 1005, 1006 and 1015 are reported, never sent; reserved ranges may not be used.
        if (!WebSocketCloseStatus.IsValid(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "The code may not be sent in a Close frame (RFC 6455 §7.4).");
        }

        if (reason is not null && WebSocketCloseStatus.GetPayloadLength(reason) - 2 > WebSocketCloseStatus.MaxReasonLength)
        {
            throw new ArgumentException("The reason is longer than 123 bytes in UTF-8 (RFC 6455 §5.5).", nameof(reason));
        }
    }
}
