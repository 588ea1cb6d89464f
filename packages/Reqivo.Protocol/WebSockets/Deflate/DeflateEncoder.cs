using System;
using System.Buffers;
using System.Buffers.Binary;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// A raw DEFLATE compressor (RFC 1951) written for permessage-deflate: LZ77 with hash chains over a sliding window
/// whose size the negotiation fixes, and fixed Huffman blocks (§3.2.6), falling back to a stored block (§3.2.4)
/// whenever that would be shorter. The window survives between messages (context takeover) until <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// Theory of operation: <see cref="Write"/> copies each piece into <c>_window</c> (2 × 32 KiB, slid by 32 KiB when
/// full), finds matches against everything already in it, and emits one complete block per piece of at most
/// <see cref="MaxBlockInput"/> bytes, so no state but the bit accumulator spans two calls. <see cref="FinishMessage"/>
/// ends the message the way a zlib sync flush would, minus the 00 00 FF FF that RFC 7692 §7.2.1 strips: the header
/// of an empty stored block, then padding to the byte boundary.
/// Buffers come from <see cref="ArrayPool{T}"/> on first use and go back on <see cref="Dispose"/>.
/// </remarks>
internal sealed class DeflateEncoder : IDisposable
{
    public const int MaxBlockInput = DeflateTables.WindowSize / 2;

    private const int HashBits = 15;
    private const int HashSize = 1 << HashBits;
    private const int WindowMask = DeflateTables.WindowSize - 1;

    private static ReadOnlySpan<ushort> MaxChainByLevel => [0, 4, 8, 16, 32, 64, 128, 256, 1024, 4096];

    private static ReadOnlySpan<ushort> NiceLengthByLevel => [0, 16, 32, 64, 96, 128, 128, 258, 258, 258];

    private readonly int _distanceLimit;
    private readonly int _maxChain;
    private readonly int _niceLength;
    private byte[]? _window;
    private int[]? _head;
    private int[]? _previous;
    private int _windowEnd;
    private ulong _pendingBits;
    private int _pendingCount;
    private bool _disposed;

    /// <param name="windowBits">The LZ77 window the peer agreed to inflate with, 8 to 15 (RFC 7692 §7.1.2.2).</param>
    /// <param name="level">0 (stored blocks only) to 9 (longest match search).</param>
    public DeflateEncoder(int windowBits, int level)
    {
        // Distances stay strictly below the window so a peer with a 2^windowBits window can always resolve them.
        _distanceLimit = (1 << windowBits) - 1;
        _maxChain = MaxChainByLevel[level];
        _niceLength = NiceLengthByLevel[level];
    }

    /// <summary>Compresses <paramref name="data"/> into <paramref name="output"/> as one or more complete blocks.</summary>
    public void Write(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        EnsureBuffers();
        while (!data.IsEmpty)
        {
            int length = Math.Min(data.Length, MaxBlockInput);
            WriteBlock(data.Slice(0, length), output);
            data = data.Slice(length);
        }
    }

    /// <summary>Ends a message: an empty stored block header padded to a byte boundary (the stripped sync flush).</summary>
    public void FinishMessage(IBufferWriter<byte> output)
    {
        Span<byte> span = output.GetSpan(8);
        var writer = new DeflateBitWriter(span, _pendingBits, _pendingCount);
        writer.Write(0, 3); // BFINAL = 0, BTYPE = 00 (stored)
        writer.AlignToByte();
        output.Advance(writer.Written);
        _pendingBits = 0;
        _pendingCount = 0;
    }

    /// <summary>Forgets the window: the next message is compressed without reference to earlier ones.</summary>
    public void Reset()
    {
        _windowEnd = 0;
        _head?.AsSpan(0, HashSize).Fill(-1);
        _pendingBits = 0;
        _pendingCount = 0;
    }

    public void Dispose()
    {
        _disposed = true;
        if (_window is not null)
        {
            ArrayPool<byte>.Shared.Return(_window);
            ArrayPool<int>.Shared.Return(_head!);
            ArrayPool<int>.Shared.Return(_previous!);
            _window = null;
            _head = null;
            _previous = null;
        }
    }

    private void EnsureBuffers()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_window is null)
        {
            _window = ArrayPool<byte>.Shared.Rent(2 * DeflateTables.WindowSize);
            _head = ArrayPool<int>.Shared.Rent(HashSize);
            _previous = ArrayPool<int>.Shared.Rent(DeflateTables.WindowSize);
            _head.AsSpan(0, HashSize).Fill(-1);
            _windowEnd = 0;
        }
    }

    private void WriteBlock(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (_windowEnd + data.Length > 2 * DeflateTables.WindowSize)
        {
            Slide();
        }

        int start = _windowEnd;
        data.CopyTo(_window.AsSpan(start));
        _windowEnd = start + data.Length;

        // Worst case of a fixed block: a 3-byte match costs up to 31 bits; plus headers and pending bits.
        Span<byte> span = output.GetSpan(data.Length + (data.Length / 2) + 64);
        var writer = new DeflateBitWriter(span, _pendingBits, _pendingCount);
        if (_maxChain > 0)
        {
            writer.Write(0b010, 3); // BFINAL = 0, BTYPE = 01 (fixed Huffman), RFC 1951 §3.2.3
            EncodeFixed(ref writer, start, _windowEnd);
            WriteSymbol(ref writer, DeflateTables.EndOfBlock);
            writer.FlushWholeBytes();
        }

        if (_maxChain == 0 || writer.Written > data.Length + 5)
        {
            // RFC 1951 §3.2.4: a stored block is shorter for incompressible data.
            writer = new DeflateBitWriter(span, _pendingBits, _pendingCount);
            writer.Write(0, 3);
            writer.AlignToByte();
            Span<byte> lengths = stackalloc byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(lengths, (ushort)data.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(lengths.Slice(2), (ushort)~data.Length);
            writer.WriteAlignedBytes(lengths);
            writer.WriteAlignedBytes(data);
        }

        output.Advance(writer.Written);
        _pendingBits = writer.PendingBits;
        _pendingCount = writer.PendingCount;
    }

    private void EncodeFixed(ref DeflateBitWriter writer, int position, int end)
    {
        byte[] window = _window!;
        while (position < end)
        {
            int bestLength = 0;
            int bestDistance = 0;
            if (end - position >= DeflateTables.MinMatch)
            {
                int candidate = Insert(position);
                int maxLength = Math.Min(DeflateTables.MaxMatch, end - position);
                int lowest = position - _distanceLimit;
                int chain = _maxChain;
                while (candidate >= 0 && candidate >= lowest && chain-- > 0)
                {
                    if (window[candidate + bestLength] == window[position + bestLength])
                    {
                        int length = window.AsSpan(candidate, maxLength).CommonPrefixLength(window.AsSpan(position, maxLength));
                        if (length > bestLength)
                        {
                            bestLength = length;
                            bestDistance = position - candidate;
                            if (length >= _niceLength || length == maxLength)
                            {
                                break;
                            }
                        }
                    }

                    candidate = _previous![candidate & WindowMask];
                }
            }

            if (bestLength >= DeflateTables.MinMatch)
            {
                WriteMatch(ref writer, bestLength, bestDistance);
                for (int covered = position + 1; covered < position + bestLength && end - covered >= DeflateTables.MinMatch; covered++)
                {
                    Insert(covered);
                }

                position += bestLength;
            }
            else
            {
                WriteSymbol(ref writer, window[position]);
                position++;
            }
        }
    }

    // Records position in its hash chain and returns the previous head of that chain (-1 when none).
    private int Insert(int position)
    {
        byte[] window = _window!;
        uint key = (uint)((window[position] << 16) | (window[position + 1] << 8) | window[position + 2]);
        int hash = (int)((key * 2654435761u) >> (32 - HashBits));
        int previous = _head![hash];
        _previous![position & WindowMask] = previous;
        _head[hash] = position;
        return previous;
    }

    private static void WriteSymbol(ref DeflateBitWriter writer, int symbol) =>
        writer.Write(DeflateTables.FixedLiteralCodes[symbol], DeflateTables.FixedLiteralLengths[symbol]);

    private static void WriteMatch(ref DeflateBitWriter writer, int length, int distance)
    {
        int lengthCode = DeflateTables.LengthCodeOf[length - DeflateTables.MinMatch];
        WriteSymbol(ref writer, 257 + lengthCode);
        writer.Write((uint)(length - DeflateTables.LengthBase[lengthCode]), DeflateTables.LengthExtraBits[lengthCode]);

        // RFC 1951 §3.2.6: fixed distance codes are the 5-bit code itself, sent MSB first.
        int distanceCode = DeflateTables.DistanceCodeOf(distance);
        writer.Write((uint)DeflateTables.Reverse(distanceCode, 5), 5);
        writer.Write((uint)(distance - DeflateTables.DistanceBase[distanceCode]), DeflateTables.DistanceExtraBits[distanceCode]);
    }

    // Keeps the newest 32 KiB at the front; positions move by exactly the window size, so the chain slots
    // (position & WindowMask) stay where they are and only their values shift.
    private void Slide()
    {
        const int Shift = DeflateTables.WindowSize;
        _window.AsSpan(Shift, _windowEnd - Shift).CopyTo(_window);
        _windowEnd -= Shift;
        Rebase(_head.AsSpan(0, HashSize), Shift);
        Rebase(_previous.AsSpan(0, DeflateTables.WindowSize), Shift);
    }

    private static void Rebase(Span<int> positions, int shift)
    {
        for (int i = 0; i < positions.Length; i++)
        {
            int moved = positions[i] - shift;
            positions[i] = moved < 0 ? -1 : moved;
        }
    }
}
