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
internal sealed class InMemoryStream : Stream
{
    private readonly InMemoryQueue<byte[]> _incoming;
    private readonly InMemoryQueue<byte[]> _outgoing;
    private readonly TransportEndpoint _endpoint;
    private byte[]? _current;
    private int _currentOffset;
    private TimeSpan _readTimeout = Timeout.InfiniteTimeSpan;
    private TimeSpan _writeTimeout = Timeout.InfiniteTimeSpan;
    private volatile bool _disposed;

    private InMemoryStream(InMemoryQueue<byte[]> incoming, InMemoryQueue<byte[]> outgoing, TransportEndpoint endpoint)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        _endpoint = endpoint;
    }

    public override bool CanRead => !_disposed;

    public override bool CanWrite => !_disposed;

    public override bool CanSeek => false;

    public override bool CanTimeout => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int ReadTimeout
    {
        get => TimeoutValues.ToStreamMilliseconds(_readTimeout);
        set => ReadTimeoutSpan = TimeoutValues.FromStreamMilliseconds(value, nameof(value));
    }

    public override int WriteTimeout
    {
        get => TimeoutValues.ToStreamMilliseconds(_writeTimeout);
        set => WriteTimeoutSpan = TimeoutValues.FromStreamMilliseconds(value, nameof(value));
    }

    public TimeSpan ReadTimeoutSpan
    {
        get => _readTimeout;
        set => _readTimeout = TimeoutValues.Validate(value, nameof(value));
    }

    /// <summary>Accepted for the contract; writes never wait, so it never elapses.</summary>
    public TimeSpan WriteTimeoutSpan
    {
        get => _writeTimeout;
        set => _writeTimeout = TimeoutValues.Validate(value, nameof(value));
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

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
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

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
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

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!buffer.IsEmpty && !_outgoing.TryEnqueue(buffer.ToArray()))
        {
            throw new IOException($"Writing to {_endpoint} failed: the peer closed the connection.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
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

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

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
        (TakeStatus status, byte[]? chunk) = await _incoming.TakeAsync(async, Deadline.After(_readTimeout), cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case TakeStatus.Taken:
                _current = chunk;
                _currentOffset = 0;
                return true;
            case TakeStatus.TimedOut:
                throw TransportErrors.WaitTimedOut(read: true, _readTimeout, _endpoint);
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
