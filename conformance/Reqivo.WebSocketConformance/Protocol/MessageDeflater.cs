using System.IO.Compression;

namespace Reqivo.WebSocketConformance.Protocol;

/// <summary>
/// Server-side permessage-deflate compression (RFC 7692 §7.2.1): raw DEFLATE, sync-flushed per message, with the
/// trailing 00 00 FF FF removed. Context is kept across messages unless server_no_context_takeover was agreed.
/// .NET's deflater always uses a 32 KiB window, so when the client limited server_max_window_bits below 15 the
/// messages are encoded by <see cref="LiteralDeflateEncoder"/>, which uses no back-references at all.
/// </summary>
internal sealed class MessageDeflater : IDisposable
{
    private readonly DeflateAgreement _agreement;
    private readonly MemoryStream _output = new();
    private DeflateStream? _deflate;

    public MessageDeflater(DeflateAgreement agreement) => _agreement = agreement;

    public byte[] Compress(ReadOnlySpan<byte> message)
    {
        byte[] flushed;
        if (_agreement.ServerMaxWindowBits < 15)
        {
            flushed = LiteralDeflateEncoder.EncodeSyncFlushed(message);
        }
        else
        {
            if (_deflate is null || _agreement.ServerNoContextTakeover)
            {
                _deflate?.Dispose();
                _output.SetLength(0);
                _deflate = new DeflateStream(_output, CompressionLevel.Optimal, leaveOpen: true);
            }

            _output.SetLength(0);
            _deflate.Write(message);
            _deflate.Flush(); // A sync flush: the block ends with an empty stored block 00 00 FF FF.
            flushed = _output.ToArray();
        }

        // §7.2.1: remove the 4 octets 00 00 FF FF at the tail end.
        if (flushed.Length >= 4 && flushed[^4] == 0 && flushed[^3] == 0 && flushed[^2] == 0xFF && flushed[^1] == 0xFF)
        {
            return flushed[..^4];
        }

        return flushed;
    }

    public void Dispose()
    {
        _deflate?.Dispose();
        _output.Dispose();
    }
}

/// <summary>
/// A DEFLATE encoder that emits one fixed-Huffman block of literals only, then an empty stored block (a sync flush).
/// It never refers back, so it is valid for every window size the client may impose.
/// </summary>
internal static class LiteralDeflateEncoder
{
    public static byte[] EncodeSyncFlushed(ReadOnlySpan<byte> data)
    {
        var writer = new BitWriter(data.Length + data.Length / 8 + 16);
        writer.Write(0, 1); // BFINAL = 0
        writer.Write(1, 2); // BTYPE = 01, fixed Huffman (RFC 1951 §3.2.6)
        foreach (byte b in data)
        {
            if (b < 144)
            {
                writer.WriteReversed(0x30 + b, 8);
            }
            else
            {
                writer.WriteReversed(0x190 + (b - 144), 9);
            }
        }

        writer.WriteReversed(0, 7); // end of block (256)
        writer.Write(0, 1); // BFINAL = 0
        writer.Write(0, 2); // BTYPE = 00, stored
        writer.AlignToByte();
        writer.WriteBytes(0x00, 0x00, 0xFF, 0xFF); // LEN = 0, NLEN = ~0
        return writer.ToArray();
    }

    private sealed class BitWriter(int capacity)
    {
        private readonly List<byte> _bytes = new(capacity);
        private int _current;
        private int _count;

        /// <summary>Writes value's low bits, least significant first (header fields).</summary>
        public void Write(int value, int bits)
        {
            for (int i = 0; i < bits; i++)
            {
                PutBit((value >> i) & 1);
            }
        }

        /// <summary>Writes a Huffman code, most significant bit first.</summary>
        public void WriteReversed(int code, int bits)
        {
            for (int i = bits - 1; i >= 0; i--)
            {
                PutBit((code >> i) & 1);
            }
        }

        public void AlignToByte()
        {
            while (_count != 0)
            {
                PutBit(0);
            }
        }

        public void WriteBytes(params byte[] bytes) => _bytes.AddRange(bytes);

        public byte[] ToArray() => _bytes.ToArray();

        private void PutBit(int bit)
        {
            _current |= bit << _count;
            if (++_count == 8)
            {
                _bytes.Add((byte)_current);
                _current = 0;
                _count = 0;
            }
        }
    }
}
