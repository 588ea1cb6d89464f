using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// The close handshake (RFC 6455 §7), both ways, bounded by <see cref="WebSocketOptions.CloseTimeout"/>; failing the
/// connection on a protocol violation (§7.1.7); and termination, which records the close status exactly once.
/// </summary>
internal sealed partial class WebSocketConnection
{
    private readonly ManualResetEventSlim _closedEvent = new(false);
    private readonly TaskCompletionSource _closedTask = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closeStatus;
    private string _closeReason = string.Empty;
    private Exception? _terminalError;
    private int _terminated;

    /// <summary>The close status once known (see <see cref="WebSocketClosedException.CloseStatus"/>); null while open.</summary>
    public int? CloseStatus => Volatile.Read(ref _terminated) != 0 || _closeStatus != 0 ? _closeStatus : null;

    public string? CloseReason => CloseStatus is null ? null : _closeReason;

    /// <summary>
    /// The client's close: send a Close frame, then wait for the server's (reading it here when no receive is running,
    /// else letting the receiver see it), then for the server to close TCP. Never throws for a connection that is
    /// already gone: the close status then says what happened.
    /// </summary>
    public async ValueTask CloseAsync(int code, string? reason, bool async, CancellationToken cancellationToken)
    {
        if (State == WebSocketState.Closed)
        {
            return;
        }

        ClosedByClient = true;
        long deadline = DeadlineAfter(_options.CloseTimeout);
        try
        {
            if (await SendCloseFrameAsync(code, reason, async, cancellationToken).ConfigureAwait(false))
            {
                CompareExchangeState(WebSocketState.CloseSent, WebSocketState.Open);
            }
        }
        catch (WebSocketClosedException)
        {
            return;
        }

        if (TryBeginRead())
        {
            try
            {
                await DrainUntilCloseAsync(deadline, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                EndRead();
            }

            return;
        }

        // Another thread is receiving: it will see the server's Close frame. Wait for that, within the budget.
        TimeSpan remaining = Remaining(deadline);
        bool closed = async
            ? await WaitClosedAsync(remaining, cancellationToken).ConfigureAwait(false)
            : _closedEvent.Wait(remaining, cancellationToken);
        if (!closed)
        {
            Terminate(WebSocketCloseStatus.AbnormalClosure, "The server did not answer the Close frame in time.", new TimeoutException("Close timeout."));
        }
    }

    /// <summary>
    /// For a receive that finds the client's own close reading the server's Close frame: waits until the close has
    /// ended (it is bounded by <see cref="WebSocketOptions.CloseTimeout"/>), then reports the closed connection.
    /// </summary>
    public async ValueTask<Exception> WaitForClientCloseAsync(bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await _closedTask.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _closedEvent.Wait(cancellationToken);
        }

        return ClosedException("The client closed the WebSocket connection.");
    }

    /// <summary>A Close frame arrived: record it, answer it unless the client's went first, wait for the server's TCP close.</summary>
    private async ValueTask OnCloseFrameAsync(byte[] payload, bool async)
    {
        WebSocketCloseStatus.ReadPayload(payload, out int code, out string reason);
        RecordClose(code, reason);
        CompareExchangeState(WebSocketState.CloseReceived, WebSocketState.Open);
        long deadline = DeadlineAfter(_options.CloseTimeout);
        try
        {
            // RFC 6455 §5.5.1: the answer typically echoes the status code received; an empty Close gets an empty one.
            await SendCloseFrameAsync(code == WebSocketCloseStatus.NoStatusReceived ? null : code, null, async, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketClosedException)
        {
            // The connection failed while answering: the status received stands.
        }

        await WaitForServerEndAsync(deadline, async).ConfigureAwait(false);
        Terminate(code, reason, error: null);
    }

    /// <summary>
    /// RFC 6455 §7.1.7: fail the connection after a protocol violation by the server: send a Close frame with the code
    /// the violation calls for, wait briefly for the server to close TCP, and drop the connection.
    /// </summary>
    private ValueTask FailAsync(WebSocketProtocolException violation, bool async) => FailAsync(violation.CloseCode, violation, async);

    private async ValueTask FailAsync(int closeCode, Exception violation, bool async)
    {
        RecordClose(closeCode, string.Empty);
        long deadline = DeadlineAfter(_options.CloseTimeout);
        try
        {
            _transport.WriteTimeout = Remaining(deadline);
            await SendCloseFrameAsync(closeCode, null, async, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (IsConnectionLoss(error))
        {
            // The server is gone already; the violation is still what the caller learns.
        }

        await WaitForServerEndAsync(deadline, async).ConfigureAwait(false);
        Terminate(closeCode, string.Empty, violation);
    }

    /// <summary>Reads (and discards data messages) until the server's Close frame, within the close budget.</summary>
    private async ValueTask DrainUntilCloseAsync(long deadline, bool async, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _readDeadline, deadline);
        try
        {
            while (true)
            {
                if (await NextDataEventAsync(async, cancellationToken).ConfigureAwait(false) == DataEvent.Payload)
                {
                    DiscardPayload();
                }
            }
        }
        catch (WebSocketClosedException)
        {
            // The server's Close frame arrived (or the connection ended): the status is recorded.
        }
        catch (WebSocketProtocolException)
        {
            // The connection was failed with the violation's code while draining.
        }
    }

    /// <summary>
    /// RFC 6455 §7.1.1: after the Close frames, the server closes TCP first; the client waits for that (discarding
    /// anything else) until the deadline, then drops the connection itself.
    /// </summary>
    private async ValueTask WaitForServerEndAsync(long deadline, bool async)
    {
        Volatile.Write(ref _readDeadline, deadline);
        _start = _end = 0;
        _pendingLength = 0;
        try
        {
            while (true)
            {
                ApplyReadDeadline();
                int read = async
                    ? await _stream.ReadAsync(_receive, CancellationToken.None).ConfigureAwait(false)
                    : _stream.Read(_receive, 0, _receive.Length);
                if (read == 0)
                {
                    return;
                }
            }
        }
        catch (Exception error) when (IsConnectionLoss(error))
        {
            // Timed out or failed: the connection is dropped either way, and the status already recorded stands.
        }
    }

    /// <summary>Ends the connection: records the status (first caller wins), disposes the transport, wakes waiters.</summary>
    private void Terminate(int status, string reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        RecordClose(status, reason);
        _terminalError ??= error;
        Volatile.Write(ref _state, (int)WebSocketState.Closed);
        StopKeepAlive();
        _transport.Dispose();
        _closedEvent.Set();
        _closedTask.TrySetResult();
    }

    private void RecordClose(int status, string reason)
    {
        if (Interlocked.CompareExchange(ref _closeStatus, status, 0) == 0)
        {
            _closeReason = reason;
        }
    }

    /// <summary>The exception for an operation on a closed (or closing) connection, with the status known so far.</summary>
    private WebSocketClosedException ClosedException(string message)
    {
        int status = _closeStatus == 0 ? WebSocketCloseStatus.AbnormalClosure : _closeStatus;
        return new WebSocketClosedException(status, _closeReason, message, _terminalError);
    }

    private async ValueTask<bool> WaitClosedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _closedTask.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void CompareExchangeState(WebSocketState value, WebSocketState expected) =>
        Interlocked.CompareExchange(ref _state, (int)value, (int)expected);

    private long DeadlineAfter(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);

    private TimeSpan Remaining(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return Timeout.InfiniteTimeSpan;
        }

        TimeSpan remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1);
    }
}
