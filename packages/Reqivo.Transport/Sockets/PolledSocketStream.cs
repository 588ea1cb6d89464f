using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// The stream of a <see cref="SocketTransport.DedicatedReadThread"/> connection: a non-blocking socket that never
/// meets the runtime's socket engine. Every read and write first tries the system call; a read that has to wait is
/// waited out by the connection's <see cref="DedicatedReader"/>, a write that has to wait polls for room on the
/// thread pool (asynchronous) or on the calling thread (blocking).
/// </summary>
/// <remarks>
/// Why not the engine at all: a socket the engine has registered with epoll wakes its epoll thread and a thread-pool
/// thread on every arrival, even when no read of the engine's is waiting, which costs about as much CPU as the
/// hand-off the dedicated reader saves. One read and one write may run concurrently.
/// </remarks>
internal sealed class PolledSocketStream : TimedDuplexStream
{
    private readonly Socket _socket;
    private readonly TransportEndpoint _endpoint;
    private readonly DedicatedReader _reader;
    private int _disposed;

    public PolledSocketStream(Socket socket, TransportEndpoint endpoint)
    {
        socket.Blocking = false;
        _socket = socket;
        _endpoint = endpoint;
        _reader = new DedicatedReader(socket, endpoint);
    }

    /// <summary>The connection's read thread; tests inspect it.</summary>
    internal DedicatedReader Reader => _reader;

    public override int Read(Span<byte> buffer)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            int received = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return received;
            }

            if (error != SocketError.WouldBlock)
            {
                throw TransportErrors.ReadFailed(error, ReadTimeoutSpan, _endpoint);
            }

            if (!SocketPolling.Wait(_socket, SelectMode.SelectRead, ReadTimeoutSpan, started, IsDisposed))
            {
                throw TransportErrors.ReadFailed(SocketError.TimedOut, ReadTimeoutSpan, _endpoint);
            }
        }
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // The write timeout is about progress: each wait for room gets all of it.
        while (!buffer.IsEmpty)
        {
            int sent = _socket.Send(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                buffer = buffer[sent..];
            }
            else if (error != SocketError.WouldBlock)
            {
                throw TransportErrors.WriteFailed(error, WriteTimeoutSpan, _endpoint);
            }
            else if (!SocketPolling.Wait(_socket, SelectMode.SelectWrite, WriteTimeoutSpan, Stopwatch.GetTimestamp(), IsDisposed))
            {
                throw TransportErrors.WriteFailed(SocketError.TimedOut, WriteTimeoutSpan, _endpoint);
            }
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        // A zero-byte read waits until bytes arrive, as the runtime's socket reads do (callers use it to wait
        // without lending a buffer). Linux answers an empty receive with EAGAIN anyway; not every platform does.
        if (buffer.IsEmpty)
        {
            return _reader.ReadAsync(buffer, ReadTimeoutSpan, cancellationToken);
        }

        int received;
        SocketError error;
        try
        {
            received = _socket.Receive(buffer.Span, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException e)
        {
            return ValueTask.FromException<int>(e);
        }

        return error switch
        {
            SocketError.Success => new ValueTask<int>(received),
            SocketError.WouldBlock => _reader.ReadAsync(buffer, ReadTimeoutSpan, cancellationToken),
            _ => ValueTask.FromException<int>(TransportErrors.ReadFailed(error, ReadTimeoutSpan, _endpoint)),
        };
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            while (!buffer.IsEmpty)
            {
                int sent = _socket.Send(buffer.Span, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock)
                {
                    return WriteWhenRoomAsync(buffer, cancellationToken);
                }

                if (error != SocketError.Success)
                {
                    return ValueTask.FromException(TransportErrors.WriteFailed(error, WriteTimeoutSpan, _endpoint));
                }

                buffer = buffer[sent..];
            }

            return ValueTask.CompletedTask;
        }
        catch (ObjectDisposedException e)
        {
            return ValueTask.FromException(e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool IsDisposed() => Volatile.Read(ref _disposed) != 0;

    // The peer is not draining: a thread-pool thread polls for room (rare on a connection that is read promptly, and
    // never the dedicated reader, which may be waiting for a read at the same time).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteWhenRoomAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            TimeSpan timeout = WriteTimeoutSpan;
            bool room = await Task.Run(
                () => SocketPolling.Wait(_socket, SelectMode.SelectWrite, timeout, Stopwatch.GetTimestamp(), () => IsDisposed() || cancellationToken.IsCancellationRequested),
                CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!room)
            {
                throw TransportErrors.WriteFailed(SocketError.TimedOut, timeout, _endpoint);
            }

            while (!buffer.IsEmpty)
            {
                int sent = _socket.Send(buffer.Span, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock)
                {
                    break;
                }

                if (error != SocketError.Success)
                {
                    throw TransportErrors.WriteFailed(error, WriteTimeoutSpan, _endpoint);
                }

                buffer = buffer[sent..];
            }
        }
    }
}
