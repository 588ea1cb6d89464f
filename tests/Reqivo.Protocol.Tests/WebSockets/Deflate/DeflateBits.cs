using System;
using System.Collections.Generic;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>
/// Writes DEFLATE streams bit by bit for hand-made inputs: values least-significant bit first (RFC 1951 §3.1.1),
/// Huffman codes most-significant bit first.
/// </summary>
internal sealed class DeflateBits
{
    private readonly List<byte> _bytes = [];
    private int _bitCount;

    /// <summary>The low <paramref name="count"/> bits of <paramref name="value"/>, LSB first.</summary>
    public DeflateBits Bits(int value, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Append((value >> i) & 1);
        }

        return this;
    }

    /// <summary>A Huffman code of <paramref name="length"/> bits, MSB first.</summary>
    public DeflateBits Code(int code, int length)
    {
        for (int i = length - 1; i >= 0; i--)
        {
            Append((code >> i) & 1);
        }

        return this;
    }

    /// <summary>A block header: BFINAL and BTYPE (RFC 1951 §3.2.3).</summary>
    public DeflateBits Header(bool final, int type) => Bits(final ? 1 : 0, 1).Bits(type, 2);

    /// <summary>A symbol of the fixed literal/length code (RFC 1951 §3.2.6).</summary>
    public DeflateBits Fixed(int symbol) => symbol switch
    {
        < 144 => Code(0x30 + symbol, 8),
        < 256 => Code(0x190 + symbol - 144, 9),
        < 280 => Code(symbol - 256, 7),
        _ => Code(0xC0 + symbol - 280, 8),
    };

    /// <summary>
    /// The header of a dynamic block (RFC 1951 §3.2.7) with 257 literal/length codes and one distance code, whose code
    /// length code gives symbols 0, 3, 16 and 18 two bits each (codes 00, 01, 10, 11). Follow it with
    /// <see cref="Length"/>, <see cref="Repeat"/> and <see cref="ZeroRun"/> for the 258 code lengths.
    /// </summary>
    public DeflateBits DynamicHeader(bool final)
    {
        Header(final, type: 2).Bits(0, 5).Bits(0, 5).Bits(14 - 4, 4);

        // Code length code lengths in the order 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3.
        ReadOnlySpan<int> lengths = [2, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
        foreach (int length in lengths)
        {
            Bits(length, 3);
        }

        return this;
    }

    /// <summary>A code length of 0 or 3.</summary>
    public DeflateBits Length(int length) => Code(length == 3 ? 0b01 : 0b00, 2);

    /// <summary>Code 16: repeat the previous length 3 to 6 times.</summary>
    public DeflateBits Repeat(int times) => Code(0b10, 2).Bits(times - 3, 2);

    /// <summary>Code 18: 11 to 138 zero lengths.</summary>
    public DeflateBits ZeroRun(int count) => Code(0b11, 2).Bits(count - 11, 7);

    /// <summary>
    /// A dynamic block header whose literal/length code gives symbols 0 to <paramref name="count"/> - 1 and 256 three
    /// bits each (symbol k is code k, end-of-block is code <paramref name="count"/>); no distance codes.
    /// </summary>
    public DeflateBits ThreeBitLiterals(bool final, int count)
    {
        DynamicHeader(final).Length(3).Repeat(count - 1);
        for (int zeros = 256 - count; zeros > 0;)
        {
            int run = zeros > 138 ? Math.Min(138, zeros - 11) : zeros;
            ZeroRun(run);
            zeros -= run;
        }

        return Length(3).Length(0);
    }

    /// <summary>
    /// A dynamic block header whose literal/length code uses every length from 1 to 15 bits: symbol k (0 to 13) has
    /// k + 1 bits, symbol 14 and end-of-block have 15 bits (codes 111111111111110 and 111111111111111), which fills the
    /// code space exactly; <paramref name="extraFifteenBitCode"/> gives symbol 255 15 bits too, one code too many.
    /// </summary>
    public DeflateBits LongestCodes(bool final, bool extraFifteenBitCode)
    {
        // All 19 code length codes (HCLEN = 15): 0 to 15 have four bits each (symbol s is code s), 16 to 18 are unused.
        Header(final, type: 2).Bits(0, 5).Bits(0, 5).Bits(19 - 4, 4);
        ReadOnlySpan<int> order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
        foreach (int symbol in order)
        {
            Bits(symbol >= 16 ? 0 : 4, 3);
        }

        for (int symbol = 0; symbol <= 256; symbol++)
        {
            int length = symbol switch
            {
                <= 13 => symbol + 1,
                14 or 256 => 15,
                255 when extraFifteenBitCode => 15,
                _ => 0,
            };
            Code(length, 4);
        }

        return Code(0, 4);
    }

    /// <summary>Pads to a byte boundary, then appends whole bytes.</summary>
    public DeflateBits Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        _bitCount = _bytes.Count * 8;
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void Append(int bit)
    {
        if (_bitCount % 8 == 0)
        {
            _bytes.Add(0);
        }

        _bytes[^1] |= (byte)(bit << (_bitCount % 8));
        _bitCount++;
    }
}
