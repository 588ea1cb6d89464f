using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Builds one-lookup decoding tables for canonical Huffman codes (RFC 1951 §3.2.2). An entry, indexed by the next
/// <c>maxBits</c> input bits (LSB first), is <c>symbol &lt;&lt; 4 | codeLength</c>; 0 marks bit patterns no code uses.
/// </summary>
internal static class HuffmanDecodingTable
{
    public const int MaxCodeLength = 15;

    /// <summary>Fills <paramref name="table"/> for <paramref name="lengths"/> and returns the table's bit width.</summary>
    /// <returns>The bit width, or -1 when the lengths over-subscribe the code space (corrupt data).</returns>
    public static int Build(ReadOnlySpan<byte> lengths, Span<ushort> table)
    {
        Span<int> count = stackalloc int[MaxCodeLength + 1];
        int maxBits = 0;
        foreach (byte length in lengths)
        {
            count[length]++;
            maxBits = Math.Max(maxBits, length);
        }

        count[0] = 0;
        int left = 1;
        for (int bits = 1; bits <= MaxCodeLength; bits++)
        {
            left = (left << 1) - count[bits];
            if (left < 0)
            {
                return -1;
            }
        }

        // An empty code (a block with no distances) gets a one-bit table of unused entries.
        maxBits = Math.Max(maxBits, 1);
        int size = 1 << maxBits;
        table.Slice(0, size).Clear();

        Span<int> next = stackalloc int[MaxCodeLength + 1];
        int code = 0;
        for (int bits = 1; bits <= MaxCodeLength; bits++)
        {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }

        for (int symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            if (length == 0)
            {
                continue;
            }

            ushort entry = (ushort)((symbol << 4) | length);
            for (int index = DeflateTables.Reverse(next[length]++, length); index < size; index += 1 << length)
            {
                table[index] = entry;
            }
        }

        return maxBits;
    }
}
