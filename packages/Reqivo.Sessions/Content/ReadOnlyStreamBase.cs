using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;

namespace Reqivo.Content;

/// <summary>
/// A forward-only, read-only stream whose sync and async reads share one <c>bool async</c> core: the sync read runs
/// the core with async=false, so it completes synchronously and never blocks on a task.
/// </summary>
internal abstract class ReadOnlyStreamBase : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public sealed override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return SyncPath.Result(ReadCoreAsync(buffer.AsMemory(offset, count), false, CancellationToken.None));
    }

    public sealed override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, true, cancellationToken);

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadCoreAsync(buffer.AsMemory(offset, count), true, cancellationToken).AsTask();
    }

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads up to <paramref name="buffer"/>'s length; 0 only at the end (or for an empty buffer).</summary>
    protected abstract ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken);

    /// <summary>Reads from another stream with the blocking or the asynchronous API.</summary>
    protected static ValueTask<int> ReadFromAsync(Stream source, Memory<byte> buffer, bool async, CancellationToken cancellationToken) =>
        async ? source.ReadAsync(buffer, cancellationToken) : new ValueTask<int>(source.Read(buffer.Span));
}
