using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// The stream of a socket connection. The blocking methods make exactly one blocking system call per read
/// (and per chunk written), with the read and write timeouts applied as socket options; the asynchronous
/// methods time each operation with an <see cref="OperationTimer"/>. Errors are mapped by <see cref="TransportErrors"/>.
/// </summary>
/// <remarks>Owns the socket. One read and one write may run concurrently.</remarks>
internal sealed class SocketStream : TimedDuplexStream
{
    private readonly Socket _socket;
    private readonly TransportEndpoint _endpoint;

    // The timeouts last written to the socket options: applied lazily by the blocking methods, so a connection
    // used only asynchronously never pays the setsockopt calls.
    private int _appliedReceiveTimeout;
    private int _appliedSendTimeout;

    private OperationTimer? _readTimer;
    private OperationTimer? _writeTimer;
    private int _disposed;

    public SocketStream(Socket socket, TransportEndpoint endpoint)
    {
        _socket = socket;
        _endpoint = endpoint;
    }

    public override int Read(Span<byte> buffer)
    {
        int timeout = TimeoutValues.ToSocketMilliseconds(ReadTimeoutSpan);
        if (timeout != _appliedReceiveTimeout)
        {
            _socket.ReceiveTimeout = timeout;
            _appliedReceiveTimeout = timeout;
        }

        int received = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
        return error == SocketError.Success ? received : throw TransportErrors.ReadFailed(error, ReadTimeoutSpan, _endpoint);
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int timeout = TimeoutValues.ToSocketMilliseconds(WriteTimeoutSpan);
        if (timeout != _appliedSendTimeout)
        {
            _socket.SendTimeout = timeout;
            _appliedSendTimeout = timeout;
        }

        // A blocking send normally takes everything; it returns early only when the send timeout cuts it short
        // after some progress, and the write timeout is about progress, so the rest gets a fresh timeout.
        while (!buffer.IsEmpty)
        {
            int sent = _socket.Send(buffer, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success)
            {
                throw TransportErrors.WriteFailed(error, WriteTimeoutSpan, _endpoint);
            }

            buffer = buffer[sent..];
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (ReadTimeoutSpan == Timeout.InfiniteTimeSpan)
        {
            ValueTask<int> receive = _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            return receive.IsCompletedSuccessfully ? receive : AwaitReceiveAsync(receive, timer: null, cancellationToken);
        }

        _readTimer ??= new OperationTimer();
        CancellationToken timed = _readTimer.Start(ReadTimeoutSpan, cancellationToken);
        return AwaitReceiveAsync(_socket.ReceiveAsync(buffer, SocketFlags.None, timed), _readTimer, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        OperationTimer? timer = null;
        CancellationToken token = cancellationToken;
        if (WriteTimeoutSpan != Timeout.InfiniteTimeSpan)
        {
            timer = _writeTimer ??= new OperationTimer();
            token = timer.Start(WriteTimeoutSpan, cancellationToken);
        }

        return SendAllAsync(buffer, timer, token, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
            _readTimer?.Dispose();
            _writeTimer?.Dispose();
        }

        base.Dispose(disposing);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReceiveAsync(ValueTask<int> receive, OperationTimer? timer, CancellationToken cancellationToken)
    {
        try
        {
            return await receive.ConfigureAwait(false);
        }
        catch (Exception e) when (TransportErrors.AsyncReadFailed(e, timer, ReadTimeoutSpan, _endpoint, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
        finally
        {
            timer?.Stop();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> buffer, OperationTimer? timer, CancellationToken token, CancellationToken cancellationToken)
    {
        try
        {
            while (!buffer.IsEmpty)
            {
                int sent = await _socket.SendAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                buffer = buffer[sent..];
            }
        }
        catch (Exception e) when (TransportErrors.AsyncWriteFailed(e, timer, WriteTimeoutSpan, _endpoint, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
        finally
        {
            timer?.Stop();
        }
    }
}
