using System;
using System.Numerics;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The fixed tables of the DEFLATE format (RFC 1951 §3.2.5, §3.2.6, §3.2.7), shared by <see cref="DeflateEncoder"/>
/// and <see cref="DeflateDecoder"/>.
/// </summary>
internal static class DeflateTables
{
    /// <summary>The largest LZ77 window DEFLATE allows: 2^15 bytes.</summary>
    public const int WindowSize = 1 << 15;

    public const int MinMatch = 3;
    public const int MaxMatch = 258;
    public const int EndOfBlock = 256;

    // RFC 1951 §3.2.5: length codes 257..285.
    public static ReadOnlySpan<ushort> LengthBase =>
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    public static ReadOnlySpan<byte> LengthExtraBits =>
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    // RFC 1951 §3.2.5: distance codes 0..29.
    public static ReadOnlySpan<ushort> DistanceBase =>
    [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ];

    public static ReadOnlySpan<byte> DistanceExtraBits =>
        [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    // RFC 1951 §3.2.7: the order in which code length code lengths are sent.
    public static ReadOnlySpan<byte> CodeLengthOrder => [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>Length code index (0..28) of every match length 3..258, indexed by length - 3.</summary>
    public static readonly byte[] LengthCodeOf = CreateLengthCodes();

    /// <summary>Bit-reversed fixed literal/length codes (RFC 1951 §3.2.6), ready to be written LSB first.</summary>
    public static readonly ushort[] FixedLiteralCodes = CreateFixedLiteralCodes();

    /// <summary>Lengths of the fixed literal/length codes.</summary>
    public static readonly byte[] FixedLiteralLengths = CreateFixedLiteralLengths();

    /// <summary>The distance code (0..29) of a distance 1..32768.</summary>
    public static int DistanceCodeOf(int distance)
    {
        int x = distance - 1;
        if (x < 4)
        {
            return x;
        }

        int bits = 31 - BitOperations.LeadingZeroCount((uint)x);
        return (2 * bits) + ((x >> (bits - 1)) & 1);
    }

    /// <summary>Reverses the low <paramref name="length"/> bits of <paramref name="code"/> (Huffman codes are sent MSB first).</summary>
    public static int Reverse(int code, int length)
    {
        int reversed = 0;
        for (int i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | (code & 1);
            code >>= 1;
        }

        return reversed;
    }

    /// <summary>The fixed literal/length code lengths of RFC 1951 §3.2.6.</summary>
    public static byte[] CreateFixedLiteralLengths()
    {
        var lengths = new byte[288];
        lengths.AsSpan(0, 144).Fill(8);
        lengths.AsSpan(144, 112).Fill(9);
        lengths.AsSpan(256, 24).Fill(7);
        lengths.AsSpan(280, 8).Fill(8);
        return lengths;
    }

    // RFC 1951 §3.2.2: canonical Huffman codes from code lengths, stored bit-reversed.
    private static void AssignCanonicalCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        Span<int> count = stackalloc int[16];
        foreach (byte length in lengths)
        {
            count[length]++;
        }

        count[0] = 0;
        Span<int> next = stackalloc int[16];
        int code = 0;
        for (int bits = 1; bits < 16; bits++)
        {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }

        for (int symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            if (length != 0)
            {
                codes[symbol] = (ushort)Reverse(next[length]++, length);
            }
        }
    }

    private static ushort[] CreateFixedLiteralCodes()
    {
        var codes = new ushort[288];
        AssignCanonicalCodes(CreateFixedLiteralLengths(), codes);
        return codes;
    }

    private static byte[] CreateLengthCodes()
    {
        var table = new byte[256];
        for (int code = 0; code < 28; code++)
        {
            int start = LengthBase[code] - MinMatch;
            int span = 1 << LengthExtraBits[code];
            for (int k = 0; k < span && start + k < 256; k++)
            {
                table[start + k] = (byte)code;
            }
        }

        // 258 has its own code (285) although 227 + 31 would also reach it.
        table[MaxMatch - MinMatch] = 28;
        return table;
    }
}
