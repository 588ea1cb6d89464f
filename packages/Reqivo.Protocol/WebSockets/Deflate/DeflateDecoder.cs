using System;
using System.Buffers;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// A raw DEFLATE decompressor (RFC 1951) for permessage-deflate: it inflates one whole compressed message at a
/// time, keeps the last 32 KiB of output as the LZ77 window for the next message (context takeover) until
/// <see cref="Reset"/>, and stops with a limit error as soon as a message inflates beyond its size limit.
/// </summary>
/// <remarks>
/// Theory of operation: output is decoded into <c>_history</c> (2 × 32 KiB). When a symbol might not fit, the
/// bytes not yet handed out are written to the caller's <see cref="IBufferWriter{T}"/> and the newest 32 KiB
/// slide to the front, so back-references always find their source and memory stays bounded whatever the
/// message size. A block with BFINAL set ends the message's data early; what follows it (the appended tail) is
/// ignored (RFC 7692 §7.2.3.4). Tables and history come from <see cref="ArrayPool{T}"/>.
/// </remarks>
internal sealed class DeflateDecoder : IDisposable
{
    private const int HistorySize = 2 * DeflateTables.WindowSize;

    private static readonly ushort[] FixedLiteralTable = CreateFixedTable(DeflateTables.CreateFixedLiteralLengths(), out FixedLiteralBits);
    private static readonly int FixedLiteralBits;
    private static readonly ushort[] FixedDistanceTable = CreateFixedTable(CreateFixedDistanceLengths(), out FixedDistanceBits);
    private static readonly int FixedDistanceBits;

    private byte[]? _history;
    private ushort[]? _literalTable;
    private ushort[]? _distanceTable;
    private int _end;
    private int _flushed;
    private bool _disposed;

    /// <summary>Inflates <paramref name="data"/> followed by <paramref name="tail"/> into <paramref name="output"/>.</summary>
    /// <returns>The number of bytes the message inflated to.</returns>
    public long Inflate(ReadOnlySpan<byte> data, ReadOnlySpan<byte> tail, IBufferWriter<byte> output, long maxOutputBytes, string limitName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _history ??= ArrayPool<byte>.Shared.Rent(HistorySize);
        var state = new MessageState(output, maxOutputBytes, limitName);
        var reader = new DeflateBitReader(data, tail);
        bool final = false;
        while (!final && !reader.IsAtEnd)
        {
            final = reader.ReadBits(1) == 1;
            switch (reader.ReadBits(2))
            {
                case 0:
                    InflateStored(ref reader, ref state);
                    break;
                case 1:
                    InflateCodes(ref reader, ref state, FixedLiteralTable, FixedLiteralBits, FixedDistanceTable, FixedDistanceBits);
                    break;
                case 2:
                    InflateDynamic(ref reader, ref state);
                    break;
                default:
                    throw Corrupt("block type 3 is reserved (RFC 1951 §3.2.3)");
            }
        }

        Flush(ref state);
        return state.Produced;
    }

    /// <summary>Forgets the window so the next message cannot refer to earlier ones.</summary>
    public void Reset()
    {
        _end = 0;
        _flushed = 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_history is not null)
        {
            ArrayPool<byte>.Shared.Return(_history);
        }

        if (_literalTable is not null)
        {
            ArrayPool<ushort>.Shared.Return(_literalTable);
            ArrayPool<ushort>.Shared.Return(_distanceTable!);
        }

        _history = null;
        _literalTable = null;
        _distanceTable = null;
    }

    internal static ProtocolException Corrupt(string what) =>
        new(ProtocolError.InvalidCompressedData, $"The compressed message is not valid DEFLATE data: {what}.");

    private void InflateStored(ref DeflateBitReader reader, ref MessageState state)
    {
        // RFC 1951 §3.2.4: byte-aligned LEN and its one's complement NLEN, then LEN literal bytes.
        reader.AlignToByte();
        uint length = reader.ReadBits(16);
        uint complement = reader.ReadBits(16);
        if ((length ^ 0xFFFF) != complement)
        {
            throw Corrupt("a stored block's LEN and NLEN disagree");
        }

        int remaining = (int)length;
        while (remaining > 0)
        {
            MakeRoom(ref state, 1);
            int n = Math.Min(remaining, HistorySize - _end);
            Count(ref state, n);
            reader.ReadBytes(_history.AsSpan(_end, n));
            _end += n;
            remaining -= n;
        }
    }

    private void InflateDynamic(ref DeflateBitReader reader, ref MessageState state)
    {
        // RFC 1951 §3.2.7.
        int literalCount = (int)reader.ReadBits(5) + 257;
        int distanceCount = (int)reader.ReadBits(5) + 1;
        int codeLengthCount = (int)reader.ReadBits(4) + 4;
        if (literalCount > 286 || distanceCount > 30)
        {
            throw Corrupt("too many literal/length or distance codes");
        }

        Span<byte> codeLengthLengths = stackalloc byte[19];
        for (int i = 0; i < codeLengthCount; i++)
        {
            codeLengthLengths[DeflateTables.CodeLengthOrder[i]] = (byte)reader.ReadBits(3);
        }

        Span<ushort> codeLengthTable = stackalloc ushort[1 << 7];
        int codeLengthBits = HuffmanDecodingTable.Build(codeLengthLengths, codeLengthTable);
        if (codeLengthBits < 0)
        {
            throw Corrupt("the code length code is over-subscribed");
        }

        Span<byte> lengths = stackalloc byte[286 + 30];
        int total = literalCount + distanceCount;
        int index = 0;
        while (index < total)
        {
            int symbol = reader.DecodeSymbol(codeLengthTable, codeLengthBits);
            if (symbol < 16)
            {
                lengths[index++] = (byte)symbol;
                continue;
            }

            byte repeated = 0;
            int repeat;
            if (symbol == 16)
            {
                if (index == 0)
                {
                    throw Corrupt("a code length repeat with no previous length");
                }

                repeated = lengths[index - 1];
                repeat = 3 + (int)reader.ReadBits(2);
            }
            else
            {
                repeat = symbol == 17 ? 3 + (int)reader.ReadBits(3) : 11 + (int)reader.ReadBits(7);
            }

            if (index + repeat > total)
            {
                throw Corrupt("code lengths run past the number of codes");
            }

            lengths.Slice(index, repeat).Fill(repeated);
            index += repeat;
        }

        if (lengths[DeflateTables.EndOfBlock] == 0)
        {
            throw Corrupt("the block has no end-of-block code");
        }

        _literalTable ??= ArrayPool<ushort>.Shared.Rent(1 << HuffmanDecodingTable.MaxCodeLength);
        _distanceTable ??= ArrayPool<ushort>.Shared.Rent(1 << HuffmanDecodingTable.MaxCodeLength);
        int literalBits = HuffmanDecodingTable.Build(lengths.Slice(0, literalCount), _literalTable);
        int distanceBits = HuffmanDecodingTable.Build(lengths.Slice(literalCount, distanceCount), _distanceTable);
        if (literalBits < 0 || distanceBits < 0)
        {
            throw Corrupt("a Huffman code is over-subscribed");
        }

        InflateCodes(ref reader, ref state, _literalTable, literalBits, _distanceTable, distanceBits);
    }

    private void InflateCodes(
        ref DeflateBitReader reader,
        ref MessageState state,
        ReadOnlySpan<ushort> literalTable,
        int literalBits,
        ReadOnlySpan<ushort> distanceTable,
        int distanceBits)
    {
        byte[] history = _history!;
        while (true)
        {
            int symbol = reader.DecodeSymbol(literalTable, literalBits);
            if (symbol < 256)
            {
                MakeRoom(ref state, 1);
                Count(ref state, 1);
                history[_end++] = (byte)symbol;
                continue;
            }

            if (symbol == DeflateTables.EndOfBlock)
            {
                return;
            }

            int lengthCode = symbol - 257;
            if (lengthCode >= 29)
            {
                throw Corrupt("length codes 286 and 287 are not used (RFC 1951 §3.2.6)");
            }

            int length = DeflateTables.LengthBase[lengthCode] + (int)reader.ReadBits(DeflateTables.LengthExtraBits[lengthCode]);
            int distanceCode = reader.DecodeSymbol(distanceTable, distanceBits);
            if (distanceCode >= 30)
            {
                throw Corrupt("distance codes 30 and 31 are not used (RFC 1951 §3.2.6)");
            }

            int distance = DeflateTables.DistanceBase[distanceCode] + (int)reader.ReadBits(DeflateTables.DistanceExtraBits[distanceCode]);
            MakeRoom(ref state, length);
            if (distance > _end)
            {
                throw Corrupt("a distance refers to data before the start of the window");
            }

            Count(ref state, length);
            int source = _end - distance;
            if (distance >= length)
            {
                history.AsSpan(source, length).CopyTo(history.AsSpan(_end));
            }
            else if (distance == 1)
            {
                // A run of one byte, the commonest overlapping match.
                history.AsSpan(_end, length).Fill(history[source]);
            }
            else
            {
                // Overlapping copy: the match repeats bytes it is itself producing, so copy it in pieces no longer
                // than the distance, each reading only bytes already written.
                for (int copied = 0; copied < length; copied += distance)
                {
                    int n = Math.Min(distance, length - copied);
                    history.AsSpan(source + copied, n).CopyTo(history.AsSpan(_end + copied));
                }
            }

            _end += length;
        }
    }

    private static void Count(ref MessageState state, int bytes)
    {
        state.Produced += bytes;
        if (state.Produced > state.MaxOutputBytes)
        {
            throw new ProtocolLimitExceededException(state.LimitName, state.MaxOutputBytes, "The decompressed message");
        }
    }

    // Ensures `bytes` more output fits, handing out pending output and sliding the window when it would not.
    private void MakeRoom(ref MessageState state, int bytes)
    {
        if (_end + bytes <= HistorySize)
        {
            return;
        }

        Flush(ref state);
        int keep = DeflateTables.WindowSize;
        _history.AsSpan(_end - keep, keep).CopyTo(_history);
        _end = keep;
        _flushed = keep;
    }

    private void Flush(ref MessageState state)
    {
        if (_end > _flushed)
        {
            state.Output.Write(_history.AsSpan(_flushed, _end - _flushed));
            _flushed = _end;
        }
    }

    private static ushort[] CreateFixedTable(byte[] lengths, out int bits)
    {
        var table = new ushort[1 << HuffmanDecodingTable.MaxCodeLength];
        bits = HuffmanDecodingTable.Build(lengths, table);
        return table.AsSpan(0, 1 << bits).ToArray();
    }

    private static byte[] CreateFixedDistanceLengths()
    {
        var lengths = new byte[32];
        lengths.AsSpan().Fill(5);
        return lengths;
    }

    private ref struct MessageState(IBufferWriter<byte> output, long maxOutputBytes, string limitName)
    {
        public readonly IBufferWriter<byte> Output = output;
        public readonly long MaxOutputBytes = maxOutputBytes;
        public readonly string LimitName = limitName;
        public long Produced;
    }
}
