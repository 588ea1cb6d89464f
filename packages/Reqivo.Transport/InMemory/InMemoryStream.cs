using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// One end of an in-memory duplex connection: bytes written here are read at the other end, in order. Writes
/// never block (the buffer is unbounded); reads wait, blocking or asynchronously, honouring cancellation and the
/// read timeout. Disposing one end gives the other end end-of-stream after the bytes already sent, and makes its
/// writes fail as a reset connection would.
/// </summary>
internal sealed class InMemoryStream : TimedDuplexStream
{
    private readonly InMemoryQueue<byte[]> _incoming;
    private readonly InMemoryQueue<byte[]> _outgoing;
    private readonly TransportEndpoint _endpoint;
    private byte[]? _current;
    private int _currentOffset;
    private volatile bool _disposed;

    private InMemoryStream(InMemoryQueue<byte[]> incoming, InMemoryQueue<byte[]> outgoing, TransportEndpoint endpoint)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        _endpoint = endpoint;
    }

    /// <summary>Whether the peer closed its end (or this end was disposed).</summary>
    public bool PeerClosed => _incoming.IsCompleted;

    /// <summary>Whether received bytes are waiting to be read.</summary>
    public bool HasUnreadBytes => _current is not null || _incoming.HasItems;

    public bool IsDisposed => _disposed;

    public static (InMemoryStream Client, InMemoryStream Server) CreatePair(TransportEndpoint endpoint)
    {
        var toServer = new InMemoryQueue<byte[]>();
        var toClient = new InMemoryQueue<byte[]>();
        return (new InMemoryStream(toClient, toServer, endpoint), new InMemoryStream(toServer, toClient, endpoint));
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || (_current is null && !SyncPath.GetResult(FillAsync(async: false, CancellationToken.None))))
        {
            return 0;
        }

        return CopyCurrent(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || (_current is null && !await FillAsync(async: true, cancellationToken).ConfigureAwait(false)))
        {
            return 0;
        }

        return CopyCurrent(buffer.Span);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!buffer.IsEmpty && !_outgoing.TryEnqueue(buffer.ToArray()))
        {
            throw new IOException($"Writing to {_endpoint} failed: the peer closed the connection.");
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _outgoing.Complete();
            _incoming.CompleteAndDrain();
            _current = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>Waits for the next chunk into <see cref="_current"/>; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(bool async, CancellationToken cancellationToken)
    {
        (TakeStatus status, byte[]? chunk) = await _incoming.TakeAsync(async, Deadline.After(ReadTimeoutSpan), cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case TakeStatus.Taken:
                _current = chunk;
                _currentOffset = 0;
                return true;
            case TakeStatus.TimedOut:
                throw TransportErrors.WaitTimedOut(read: true, ReadTimeoutSpan, _endpoint);
            default:
                ObjectDisposedException.ThrowIf(_disposed, this);
                return false;
        }
    }

    private int CopyCurrent(Span<byte> destination)
    {
        byte[] current = _current!;
        int count = Math.Min(destination.Length, current.Length - _currentOffset);
        current.AsSpan(_currentOffset, count).CopyTo(destination);
        _currentOffset += count;
        if (_currentOffset == current.Length)
        {
            _current = null;
        }

        return count;
    }
}
