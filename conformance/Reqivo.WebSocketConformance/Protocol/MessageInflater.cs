using System.IO.Compression;

namespace Reqivo.WebSocketConformance.Protocol;

/// <summary>
/// Server-side permessage-deflate decompression (RFC 7692 §7.2.2): appends 00 00 FF FF to each compressed message and
/// inflates it with one long-lived raw inflater, so the client may use context takeover (a 32 KiB window covers every
/// client_max_window_bits). Decompressed size is bounded to protect the fuzzer.
/// </summary>
internal sealed class MessageInflater : IDisposable
{
    private static readonly byte[] Tail = [0x00, 0x00, 0xFF, 0xFF];
    private readonly FeedStream _input = new();
    private readonly DeflateStream _inflate;
    private readonly long _maxSize;

    public MessageInflater(long maxSize)
    {
        _maxSize = maxSize;
        _inflate = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>The decompressed message; throws <see cref="InvalidDataException"/> on corrupt or oversized data.</summary>
    public byte[] Decompress(byte[] compressed)
    {
        _input.Feed(compressed);
        _input.Feed(Tail);
        using var output = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        // The feed stream reports "no data" (0) once the message is consumed; DeflateStream does not treat that
        // as a permanent end, so the same inflater continues with the next message.
        while ((read = _inflate.Read(chunk, 0, chunk.Length)) > 0)
        {
            output.Write(chunk, 0, read);
            if (output.Length > _maxSize)
            {
                throw new InvalidDataException("decompressed message exceeds the limit");
            }
        }

        return output.ToArray();
    }

    public void Dispose()
    {
        _inflate.Dispose();
        _input.Dispose();
    }

    private sealed class FeedStream : Stream
    {
        private readonly Queue<byte[]> _pending = new();
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Feed(byte[] data)
        {
            if (data.Length > 0)
            {
                _pending.Enqueue(data);
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pending.Count == 0)
            {
                return 0;
            }

            byte[] head = _pending.Peek();
            int n = Math.Min(count, head.Length - _offset);
            Buffer.BlockCopy(head, _offset, buffer, offset, n);
            _offset += n;
            if (_offset == head.Length)
            {
                _pending.Dequeue();
                _offset = 0;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
