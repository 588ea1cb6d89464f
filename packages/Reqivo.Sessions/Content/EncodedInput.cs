using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Content;

/// <summary>
/// The encoded side of one decoding layer: counts the bytes read from the source (the ratio limit's denominator),
/// notices when the source ended, remembers the last four bytes (the gzip ISIZE trailer) and lets the first bytes be
/// peeked (to tell zlib from raw deflate) without losing them.
/// </summary>
internal sealed class EncodedInput(Stream source) : ReadOnlyStreamBase
{
    private readonly byte[] _peeked = new byte[2];
    private int _peekedStart;
    private int _peekedEnd;
    private bool _sourceDisposed;

    /// <summary>Bytes read from the source so far.</summary>
    public long TotalRead { get; private set; }

    /// <summary>Whether a read of the source returned 0, that is, its end was seen.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>The last four bytes read, little-endian (the first of them in the low byte).</summary>
    public uint LastFourBytes { get; private set; }

    /// <summary>Reads up to two bytes ahead and returns them; later reads return them again first.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> PeekAsync(int count, bool async, CancellationToken cancellationToken)
    {
        count = Math.Min(count, _peeked.Length);
        while (_peekedEnd < count && !ReachedEnd)
        {
            int read = await ReadFromAsync(source, _peeked.AsMemory(_peekedEnd, count - _peekedEnd), async, cancellationToken).ConfigureAwait(false);
            Record(_peeked.AsSpan(_peekedEnd, read));
            _peekedEnd += read;
        }

        return _peeked.AsMemory(_peekedStart, _peekedEnd - _peekedStart);
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_peekedStart < _peekedEnd)
        {
            int fromPeek = Math.Min(buffer.Length, _peekedEnd - _peekedStart);
            _peeked.AsSpan(_peekedStart, fromPeek).CopyTo(buffer.Span);
            _peekedStart += fromPeek;
            return fromPeek;
        }

        if (ReachedEnd)
        {
            return 0;
        }

        int read = await ReadFromAsync(source, buffer, async, cancellationToken).ConfigureAwait(false);
        Record(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_sourceDisposed)
        {
            _sourceDisposed = true;
            source.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_sourceDisposed)
        {
            _sourceDisposed = true;
            await source.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Record(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            ReachedEnd = true;
            return;
        }

        TotalRead += read.Length;
        foreach (byte b in read[Math.Max(0, read.Length - 4)..])
        {
            LastFourBytes = (LastFourBytes >> 8) | ((uint)b << 24);
        }
    }
}
