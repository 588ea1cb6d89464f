using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>
/// Auto-reconnect: the operation that finds the connection lost re-establishes it under a lock; an operation that
/// finds a newer connection than the one it lost simply goes on with it.
/// </summary>
public sealed partial class WebSocketClient
{
    private readonly SemaphoreSlim _reconnectLock = new(1, 1);
    private volatile bool _reconnecting;
    private volatile bool _gaveUp;

    /// <summary>The connection was lost and auto-reconnect starts. Raised on the thread of the operation that noticed.</summary>
    public event EventHandler<WebSocketDisconnectedEventArgs>? Disconnected;

    /// <summary>An attempt to reconnect is about to be made (after its backoff delay).</summary>
    public event EventHandler<WebSocketReconnectingEventArgs>? Reconnecting;

    /// <summary>A new connection is open; sends work again.</summary>
    public event EventHandler<WebSocketReconnectedEventArgs>? Reconnected;

    /// <summary>A Pong frame arrived (raised on the receiving thread).</summary>
    public event EventHandler<WebSocketPongEventArgs>? PongReceived;

    private bool CanReconnect(WebSocketConnection connection) =>
        _options.Reconnect is not null && !_closedByUser && !connection.ClosedByClient && Volatile.Read(ref _disposed) == 0;

    /// <summary>
    /// Replaces <paramref name="lost"/> with a new connection: true when one is open (made here or by another
    /// operation meanwhile), false when every attempt failed (the client is then closed for good).
    /// </summary>
    private async ValueTask<bool> TryReconnectAsync(WebSocketConnection lost, Exception cause, bool async, CancellationToken cancellationToken)
    {
        WebSocketReconnectOptions policy = _options.Reconnect!;
        if (async)
        {
            await _reconnectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _reconnectLock.Wait(cancellationToken);
        }

        try
        {
            if (!ReferenceEquals(_connection, lost))
            {
                return true;
            }

            if (_gaveUp || !CanReconnect(lost))
            {
                return false;
            }

            _reconnecting = true;
            lost.Abort();
            Disconnected?.Invoke(this, new WebSocketDisconnectedEventArgs(lost.CloseStatus, lost.CloseReason, cause));
            Exception lastError = cause;
            for (int attempt = 1; attempt <= policy.MaxAttempts; attempt++)
            {
                TimeSpan delay = policy.DelayBefore(attempt, Random.Shared.NextDouble());
                Reconnecting?.Invoke(this, new WebSocketReconnectingEventArgs(attempt, delay, lastError));
                await DelayAsync(delay, async, cancellationToken).ConfigureAwait(false);
                if (!CanReconnect(lost))
                {
                    return false;
                }

                try
                {
                    WebSocketConnection fresh = await _connector.ConnectAsync(Uri, async, cancellationToken).ConfigureAwait(false);
                    Attach(fresh);
                    _connection = fresh;
                    _reconnecting = false;
                    Reconnected?.Invoke(this, new WebSocketReconnectedEventArgs(attempt));
                    return true;
                }
                catch (ReqivoException error)
                {
                    lastError = error;
                }
            }

            _gaveUp = true;
            return false;
        }
        finally
        {
            _reconnecting = false;
            _reconnectLock.Release();
        }
    }

    private async ValueTask DelayAsync(TimeSpan delay, bool async, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        TimeProvider time = _options.TimeProvider;
        if (async)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The blocking path waits on an event set by a timer of the same clock: no task is waited on.
        using var elapsed = new ManualResetEventSlim(false);
        using ITimer timer = time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), elapsed, delay, Timeout.InfiniteTimeSpan);
        elapsed.Wait(cancellationToken);
    }
}
