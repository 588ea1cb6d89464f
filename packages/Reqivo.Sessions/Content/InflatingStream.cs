using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Content;

/// <summary>
/// Undoes gzip or deflate over zlib's decoders, adding what they leave out: they return end-of-data for a stream cut
/// short instead of failing, so completeness is checked here, and their InvalidDataException becomes a
/// <see cref="ContentDecodingException"/> naming the coding.
/// </summary>
/// <remarks>
/// How the end is proven: the zlib and raw-deflate decoders stop reading their input as soon as the final block (and
/// the zlib checksum) is decoded, so one that read the input's end before reporting its own end was cut short. The gzip
/// decoder always reads on, looking for another member, so there the input must end with the ISIZE trailer (RFC 1952
/// §2.3.1, the decoded length modulo 2^32), whose CRC-32 zlib has already verified. Consequently a gzip body made of
/// several members, or followed by extra bytes, is refused as corrupt.
/// </remarks>
internal sealed class InflatingStream : ReadOnlyStreamBase
{
    private const int MinimumGzipMemberLength = 20;
    private readonly ContentCoding _coding;
    private readonly EncodedInput _input;
    private Stream? _decoder;
    private long _decoded;
    private bool _ended;
    private bool _disposed;

    public InflatingStream(ContentCoding coding, EncodedInput input)
    {
        _coding = coding;
        _input = input;
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ended || buffer.IsEmpty)
        {
            return 0;
        }

        int read;
        try
        {
            _decoder ??= await CreateDecoderAsync(async, cancellationToken).ConfigureAwait(false);
            read = await ReadFromAsync(_decoder, buffer, async, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new ContentDecodingException(ContentCodingList.NameOf(_coding), truncated: false, e);
        }

        if (read > 0)
        {
            _decoded += read;
            return read;
        }

        _ended = true;
        if (!IsComplete())
        {
            throw new ContentDecodingException(ContentCodingList.NameOf(_coding), truncated: true, null);
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _decoder?.Dispose();
            _input.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_decoder is not null)
            {
                await _decoder.DisposeAsync().ConfigureAwait(false);
            }

            await _input.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private bool IsComplete()
    {
        if (_input.TotalRead == 0)
        {
            // An empty body stays empty: servers label empty responses with the coding they would have used.
            return true;
        }

        if (_coding == ContentCoding.Gzip)
        {
            // RFC 1952 §2.3.1: ISIZE, the last four bytes of the member, is the decoded length modulo 2^32. The smallest
            // member is 20 bytes (10-byte header, a 2-byte empty final block, the 8-byte trailer): a shorter input whose
            // last bytes happen to be zero (an empty body cut inside its trailer) must not pass for complete.
            return _input.ReachedEnd && _input.TotalRead >= MinimumGzipMemberLength && _input.LastFourBytes == unchecked((uint)_decoded);
        }

        return !_input.ReachedEnd;
    }

    private async ValueTask<Stream> CreateDecoderAsync(bool async, CancellationToken cancellationToken)
    {
        if (_coding == ContentCoding.Gzip)
        {
            return new GZipStream(_input, CompressionMode.Decompress, leaveOpen: true);
        }

        // RFC 9110 §8.4.1.2 defines deflate as zlib-wrapped (RFC 1950), but some servers send raw deflate (RFC 1951);
        // like browsers, tell them apart by whether the first two bytes form a valid zlib header.
        ReadOnlyMemory<byte> head = await _input.PeekAsync(2, async, cancellationToken).ConfigureAwait(false);
        return head.Length == 2 && IsZlibHeader(head.Span[0], head.Span[1])
            ? new ZLibStream(_input, CompressionMode.Decompress, leaveOpen: true)
            : new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>RFC 1950 §2.2: CM = 8 (deflate), CINFO ≤ 7 (window ≤ 32 KiB), and CMF·256 + FLG a multiple of 31.</summary>
    internal static bool IsZlibHeader(byte cmf, byte flg) =>
        (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}
