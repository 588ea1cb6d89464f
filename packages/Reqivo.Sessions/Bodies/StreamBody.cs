using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>A body read from a caller's stream in pooled 16 KiB blocks; replayable when the stream can seek.</summary>
internal sealed class StreamBody : RequestBody
{
    private const int BlockSize = 16 * 1024;
    private readonly Stream _stream;
    private readonly long? _length;
    private readonly long _start;
    private bool _written;

    public StreamBody(Stream stream, long? length, string? contentType)
        : base(contentType)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The body stream cannot be read.", nameof(stream));
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A body length is not negative.");
        }

        _stream = stream;
        _start = stream.CanSeek ? stream.Position : 0;
        _length = length ?? (stream.CanSeek ? stream.Length - _start : null);
    }

    public override long? Length => _length;

    public override bool IsReplayable => _stream.CanSeek;

    internal override async ValueTask WriteToAsync(IBodySink sink, bool async, CancellationToken cancellationToken)
    {
        if (_written)
        {
            if (!_stream.CanSeek)
            {
                throw new InvalidOperationException("The request body stream was already sent and cannot seek, so it cannot be sent again.");
            }

            _stream.Position = _start;
        }

        _written = true;
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            long remaining = _length ?? long.MaxValue;
            while (remaining > 0)
            {
                int want = (int)Math.Min(block.Length, remaining);
                int read = async
                    ? await _stream.ReadAsync(block.AsMemory(0, want), cancellationToken).ConfigureAwait(false)
                    : _stream.Read(block, 0, want);
                if (read == 0)
                {
                    if (_length is not null)
                    {
                        throw new InvalidOperationException(
                            $"The request body stream ended after {_length - remaining} of the {_length} bytes declared as its length.");
                    }

                    break;
                }

                remaining -= read;
                await sink.WriteAsync(block.AsMemory(0, read), async, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
