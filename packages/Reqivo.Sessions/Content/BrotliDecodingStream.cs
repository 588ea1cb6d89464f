using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Content;

/// <summary>
/// Undoes br (RFC 7932) with <see cref="BrotliDecoder"/> directly rather than BrotliStream, which reports a stream cut
/// short as a normal end and corrupt data as InvalidOperationException: the decoder's status tells both apart exactly.
/// Bytes after the end of the Brotli stream are ignored, as BrotliStream does.
/// </summary>
internal sealed class BrotliDecodingStream : ReadOnlyStreamBase
{
    private const int InputBlockSize = 16 * 1024;
    private readonly Stream _source;
    private BrotliDecoder _decoder;
    private byte[]? _input = ArrayPool<byte>.Shared.Rent(InputBlockSize);
    private int _inputStart;
    private int _inputEnd;
    private bool _sourceEnded;
    private bool _sawInput;
    private bool _ended;

    public BrotliDecodingStream(Stream source)
    {
        _source = source;
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        byte[] input = _input ?? throw new ObjectDisposedException(nameof(BrotliDecodingStream));
        if (_ended || buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_inputEnd > _inputStart || _sourceEnded)
            {
                OperationStatus status = _decoder.Decompress(input.AsSpan(_inputStart, _inputEnd - _inputStart), buffer.Span, out int consumed, out int written);
                _inputStart += consumed;
                switch (status)
                {
                    case OperationStatus.InvalidData:
                        throw new ContentDecodingException("br", truncated: false, null);
                    case OperationStatus.Done:
                        _ended = true;
                        return written;
                    case OperationStatus.DestinationTooSmall when written > 0:
                        return written;
                    case OperationStatus.NeedMoreData when written > 0:
                        return written;
                    case OperationStatus.NeedMoreData when _sourceEnded:
                        _ended = true;
                        // An empty body stays empty; anything else that stops mid-stream was cut short.
                        return _sawInput ? throw new ContentDecodingException("br", truncated: true, null) : 0;
                }
            }

            await FillAsync(input, async, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _input is { } input)
        {
            _input = null;
            _decoder.Dispose();
            ArrayPool<byte>.Shared.Return(input);
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_input is { } input)
        {
            _input = null;
            _decoder.Dispose();
            ArrayPool<byte>.Shared.Return(input);
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask FillAsync(byte[] input, bool async, CancellationToken cancellationToken)
    {
        if (_inputStart > 0)
        {
            input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(input);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }

        if (_inputEnd == input.Length)
        {
            // The decoder asked for more while holding a full block: it keeps its own state, so this cannot happen.
            throw new ContentDecodingException("br", truncated: false, null);
        }

        int read = await ReadFromAsync(_source, input.AsMemory(_inputEnd), async, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _sourceEnded = true;
        }
        else
        {
            _inputEnd += read;
            _sawInput = true;
        }
    }
}
