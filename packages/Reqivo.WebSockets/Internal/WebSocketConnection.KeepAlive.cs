using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// Keep-alive: every <see cref="WebSocketOptions.KeepAliveInterval"/> a Ping goes out (RFC 6455 §5.5.2); when no Pong
/// arrives within <see cref="WebSocketOptions.KeepAliveTimeout"/>, the connection is dropped (status 1006) and the
/// pending receive fails with a <see cref="TimeoutException"/> as its cause. Both timers come from the options'
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class WebSocketConnection
{
    private ITimer? _pingTimer;
    private ITimer? _pongTimer;
    private int _awaitingPong;
    private volatile bool _keepAliveExpired;

    private void StartKeepAlive()
    {
        TimeSpan interval = _options.KeepAliveInterval;
        if (interval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _pongTimer = _time.CreateTimer(static state => ((WebSocketConnection)state!).OnPongDeadline(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pingTimer = _time.CreateTimer(static state => ((WebSocketConnection)state!).OnPingDue(), this, interval, interval);
    }

    private void StopKeepAlive()
    {
        _pingTimer?.Dispose();
        _pongTimer?.Dispose();
    }

    private void OnPingDue()
    {
        if (State != WebSocketState.Open || Interlocked.Exchange(ref _awaitingPong, 1) != 0)
        {
            // Closing, or the previous Ping is still unanswered (its deadline decides).
            return;
        }

        _pongTimer?.Change(_options.KeepAliveTimeout, Timeout.InfiniteTimeSpan);
        // A connection used with blocking I/O stays blocking: the timer's thread then writes the six bytes itself.
        _ = SendKeepAlivePingAsync(_openedAsync);
    }

    private async Task SendKeepAlivePingAsync(bool async)
    {
        try
        {
            await SendFrameAsync(WebSocketOpcode.Ping, fin: true, ReadOnlyMemory<byte>.Empty, compressed: false, async, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (IsConnectionLoss(error))
        {
            // The connection ended; the receiver reports it.
        }
    }

    private void OnPong(ReadOnlyMemory<byte> payload)
    {
        if (Interlocked.Exchange(ref _awaitingPong, 0) != 0)
        {
            _pongTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        PongReceived?.Invoke(payload);
    }

    private void OnPongDeadline()
    {
        if (Volatile.Read(ref _awaitingPong) == 0)
        {
            return;
        }

        // The receiver's read fails when the transport is disposed; it reports this cause.
        _keepAliveExpired = true;
        Terminate(
            WebSocketCloseStatus.AbnormalClosure,
            string.Empty,
            new TimeoutException($"No Pong answered the keep-alive Ping within {_options.KeepAliveTimeout}."));
    }
}
