using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.Transport;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// The only place this connection touches its stream. A failed read or write ends the connection (status 1006
/// unless a Close frame was exchanged) and surfaces as <see cref="WebSocketClosedException"/>; the caller's
/// cancellation stays <see cref="OperationCanceledException"/> but also ends the connection, since a frame may be
/// half read or half written.
/// </summary>
internal sealed partial class WebSocketConnection
{
    private const int LargeReceiveBufferSize = 64 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // When set (a timestamp of _time), reads wait at most until then: the close handshake's budget.
    private long _readDeadline;

    /// <summary>Reads more bytes into the receive buffer; false at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(bool async, CancellationToken cancellationToken)
    {
        MakeReceiveSpace();
        try
        {
            ApplyReadDeadline();
            int read;
            if (async)
            {
                read = await _stream.ReadAsync(_receive.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using CancellationTokenRegistration abort = AbortOnCancel(cancellationToken);
                read = _stream.Read(_receive, _end, _receive.Length - _end);
            }

            _end += read;
            return read > 0;
        }
        catch (Exception error) when (error is not WebSocketClosedException)
        {
            throw OnIoFailure(error, reading: true, cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteRawAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken)
    {
        try
        {
            if (async)
            {
                await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using CancellationTokenRegistration abort = AbortOnCancel(cancellationToken);
                _stream.Write(data.Span);
            }
        }
        catch (Exception error)
        {
            throw OnIoFailure(error, reading: false, cancellationToken);
        }
    }

    private ValueTask AcquireWriteLockAsync(bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            return new ValueTask(_writeLock.WaitAsync(cancellationToken));
        }

        _writeLock.Wait(cancellationToken);
        return default;
    }

    private void ApplyReadDeadline()
    {
        long deadline = Volatile.Read(ref _readDeadline);
        if (deadline == 0)
        {
            return;
        }

        if (deadline == long.MaxValue)
        {
            _transport.ReadTimeout = Timeout.InfiniteTimeSpan;
            return;
        }

        TimeSpan remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        if (remaining <= TimeSpan.Zero)
        {
            throw new ReadTimeoutException(_options.CloseTimeout, _transport.Endpoint);
        }

        _transport.ReadTimeout = remaining;
    }

    /// <summary>
    /// A blocking read or write cannot watch a token, so on cancellation the connection is closed under it: the call
    /// fails at once and <see cref="OnIoFailure"/> reports the cancellation.
    /// </summary>
    private CancellationTokenRegistration AbortOnCancel(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((WebSocketConnection)state!)._transport.Dispose(), this)
            : default;

    /// <summary>Ends the connection after a failed read or write and returns what the caller should throw.</summary>
    private Exception OnIoFailure(Exception error, bool reading, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Terminate(WebSocketCloseStatus.AbnormalClosure, "The operation was canceled mid-frame.", error);
            return error as OperationCanceledException
                ?? new OperationCanceledException("The WebSocket operation was canceled; the connection was closed.", error, cancellationToken);
        }

        string what = reading ? "reading from" : "writing to";
        Exception cause = _keepAliveExpired
            ? new TimeoutException($"No Pong answered the keep-alive Ping within {_options.KeepAliveTimeout}.", error)
            : error;
        Terminate(WebSocketCloseStatus.AbnormalClosure, string.Empty, cause);
        return ClosedException($"The WebSocket connection to {_transport.Endpoint} failed while {what} it: {cause.Message}");
    }

    /// <summary>Makes room at the end of the receive buffer by dropping consumed bytes (a frame is never buffered whole, so it never grows).</summary>
    private void MakeReceiveSpace()
    {
        if (_start == _end)
        {
            _start = _end = 0;
            GrowForLargePayload();
            return;
        }

        if (_end < _receive.Length || _start == 0)
        {
            return;
        }

        Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
        _end -= _start;
        _start = 0;
    }

    /// <summary>
    /// Swaps the 16 KiB receive buffer for a 64 KiB one when a large frame payload is being read and nothing is
    /// buffered: large messages then cost a quarter of the read calls. The connection keeps the larger buffer.
    /// </summary>
    private void GrowForLargePayload()
    {
        if (_receive.Length >= LargeReceiveBufferSize || _decoder.RemainingPayloadLength <= _receive.Length)
        {
            return;
        }

        byte[] small = _receive;
        _receive = ArrayPool<byte>.Shared.Rent(LargeReceiveBufferSize);
        ArrayPool<byte>.Shared.Return(small);
    }

    /// <summary>Whether an exception is the connection ending under a read or write (rather than a bug).</summary>
    private static bool IsConnectionLoss(Exception error) =>
        error is IOException or ObjectDisposedException or ReqivoTimeoutException or WebSocketClosedException;
}
