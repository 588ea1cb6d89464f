using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>
/// Gathers a body's small pieces (part heads, line breaks, short fields) into one pooled block so the sink sees few,
/// large writes; streams are read straight into the block's free space, so a file goes out without being held.
/// </summary>
internal sealed class CoalescingBodyWriter(IBodySink sink) : IDisposable
{
    private const int BlockSize = 16 * 1024;
    private const int MinReadSize = 4 * 1024;
    private byte[]? _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _filled;

    private byte[] Block => _block ?? throw new ObjectDisposedException(nameof(CoalescingBodyWriter));

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken)
    {
        byte[] block = Block;
        if (data.Length > block.Length - _filled)
        {
            await FlushAsync(async, cancellationToken).ConfigureAwait(false);
            if (data.Length >= block.Length)
            {
                await sink.WriteAsync(data, async, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        data.Span.CopyTo(block.AsSpan(_filled));
        _filled += data.Length;
    }

    /// <summary>Copies a stream to the sink through the block: all of it, or exactly <paramref name="length"/> bytes.</summary>
    /// <returns>The number of bytes copied.</returns>
    public async ValueTask<long> CopyFromAsync(Stream source, long? length, bool async, CancellationToken cancellationToken)
    {
        byte[] block = Block;
        long copied = 0;
        long remaining = length ?? long.MaxValue;
        while (remaining > 0)
        {
            if (block.Length - _filled < MinReadSize)
            {
                await FlushAsync(async, cancellationToken).ConfigureAwait(false);
            }

            int want = (int)Math.Min(block.Length - _filled, remaining);
            int read = async
                ? await source.ReadAsync(block.AsMemory(_filled, want), cancellationToken).ConfigureAwait(false)
                : source.Read(block, _filled, want);
            if (read == 0)
            {
                break;
            }

            _filled += read;
            copied += read;
            remaining -= read;
        }

        return copied;
    }

    public async ValueTask FlushAsync(bool async, CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await sink.WriteAsync(Block.AsMemory(0, _filled), async, cancellationToken).ConfigureAwait(false);
            _filled = 0;
        }
    }

    public void Dispose()
    {
        if (_block is { } block)
        {
            _block = null;
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
