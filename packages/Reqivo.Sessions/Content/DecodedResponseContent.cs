using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;

namespace Reqivo.Content;

/// <summary>
/// A streamed response body with its content codings undone while it is read: the wiring point for streamed
/// responses (wrap the connection's content when <see cref="ContentDecoding.CanDecode"/> is true and a coding is named).
/// Its length is unknown; its trailers are the encoded body's. At the decoded end, the few encoded bytes a decoder
/// may leave unread (zlib and deflate stop at their end marker) are drained, so the connection can go back to the pool.
/// </summary>
internal sealed class DecodedResponseContent : ResponseContent
{
    private const int BlockSize = 16 * 1024;
    private const int MaxDrainBytes = 64 * 1024;
    private readonly ResponseContent _encoded;
    private readonly Stream _decoded;
    private byte[]? _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private bool _complete;

    public DecodedResponseContent(ResponseContent encoded, string contentEncoding, DecompressionLimits limits)
    {
        _encoded = encoded;
        _decoded = ContentDecoding.Wrap(contentEncoding, new BodySourceStream(encoded), limits);
    }

    public override long? Length => null;

    public override bool IsComplete => _complete;

    public override async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken)
    {
        byte[] block = _block ?? throw new ObjectDisposedException(nameof(DecodedResponseContent));
        if (_complete)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        int read = async
            ? await _decoded.ReadAsync(block, cancellationToken).ConfigureAwait(false)
            : _decoded.Read(block, 0, block.Length);
        if (read > 0)
        {
            return block.AsMemory(0, read);
        }

        await DrainAsync(async, cancellationToken).ConfigureAwait(false);
        _complete = true;
        Trailers = _encoded.Trailers;
        return ReadOnlyMemory<byte>.Empty;
    }

    public override void Dispose()
    {
        if (_block is { } block)
        {
            _block = null;
            _decoded.Dispose();
            ArrayPool<byte>.Shared.Return(block);
            _encoded.Dispose();
        }
    }

    private async ValueTask DrainAsync(bool async, CancellationToken cancellationToken)
    {
        long drained = 0;
        while (!_encoded.IsComplete && drained <= MaxDrainBytes)
        {
            ReadOnlyMemory<byte> rest = await _encoded.ReadBlockAsync(async, cancellationToken).ConfigureAwait(false);
            if (rest.IsEmpty)
            {
                return;
            }

            drained += rest.Length;
        }
    }
}
