using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Content;

/// <summary>
/// The outermost layer of a decoded body: counts decoded bytes against <see cref="DecompressionLimits"/> as they are
/// read, so a decompression bomb fails after at most one read past a limit, never after expanding in memory.
/// Disposing it disposes every layer down to the encoded body.
/// </summary>
internal sealed class BoundedDecodingStream : ReadOnlyStreamBase
{
    private readonly Stream _decoded;
    private readonly EncodedInput _encoded;
    private readonly DecompressionLimits _limits;
    private long _decodedBytes;

    public BoundedDecodingStream(Stream decoded, EncodedInput encoded, DecompressionLimits limits)
    {
        _decoded = decoded;
        _encoded = encoded;
        _limits = limits;
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        // Ask for at most one byte past the size limit: enough to see it exceeded without decoding further.
        long allowed = _limits.MaxDecompressedSize - _decodedBytes + 1;
        if (buffer.Length > allowed)
        {
            buffer = buffer[..(int)allowed];
        }

        int read = await ReadFromAsync(_decoded, buffer, async, cancellationToken).ConfigureAwait(false);
        _decodedBytes += read;
        if (_decodedBytes > _limits.MaxDecompressedSize)
        {
            throw new ProtocolLimitExceededException(nameof(DecompressionLimits.MaxDecompressedSize), _limits.MaxDecompressedSize, "The decoded response body");
        }

        if (_decodedBytes > _limits.RatioCheckThreshold && _decodedBytes > (double)_limits.MaxCompressionRatio * _encoded.TotalRead)
        {
            throw new ProtocolLimitExceededException(
                nameof(DecompressionLimits.MaxCompressionRatio),
                _limits.MaxCompressionRatio,
                "The ratio of the decoded response body's size to its encoded size");
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoded.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _decoded.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
