using System;
using System.Buffers;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>
/// Hand-made invalid DEFLATE data, one broken rule of RFC 1951 each: the error is InvalidCompressedData and its message
/// names the rule.
/// </summary>
public sealed class CorruptDeflateMessageTests
{
    // A dynamic block header with 257 literal/length codes, one distance code and the first four code length codes
    // (order 16, 17, 18, 0: RFC 1951 §3.2.7) with the given lengths.
    private static DeflateBits DynamicHeader(int length16, int length17, int length18, int length0) =>
        new DeflateBits().Header(final: true, type: 2).Bits(0, 5).Bits(0, 5).Bits(0, 4)
            .Bits(length16, 3).Bits(length17, 3).Bits(length18, 3).Bits(length0, 3);

    [Fact]
    public void Every_message_says_the_data_is_not_valid_deflate()
    {
        ProtocolException error = Refused([0x07]);

        Assert.StartsWith("The compressed message is not valid DEFLATE data: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_type_3_is_reserved() =>
        AssertNames("block type 3 is reserved (RFC 1951 §3.2.3)", Refused(new DeflateBits().Header(final: true, type: 3).ToArray()));

    [Fact]
    public void A_stored_block_needs_nlen_to_be_the_complement_of_len() =>
        AssertNames("LEN and NLEN disagree", Refused([0x01, 0x05, 0x00, 0x00, 0x00]));

    [Fact]
    public void A_stored_block_longer_than_the_data_ends_inside_it()
    {
        // LEN = 16 but only the 4 bytes of the appended tail follow.
        AssertNames("the data ends inside a stored block", Refused([0x01, 0x10, 0x00, 0xEF, 0xFF]));
    }

    [Theory]
    [InlineData(30, 0)] // 287 literal/length codes
    [InlineData(29, 30)] // 286 literal/length codes (the most), 31 distance codes
    [InlineData(31, 31)]
    public void A_dynamic_block_has_at_most_286_literal_and_30_distance_codes(int hlit, int hdist)
    {
        byte[] data = new DeflateBits().Header(final: true, type: 2).Bits(hlit, 5).Bits(hdist, 5).Bits(0, 4).ToArray();

        AssertNames("too many literal/length or distance codes", Refused(data));
    }

    [Fact]
    public void An_over_subscribed_code_length_code_is_refused()
    {
        // Four code length codes of one bit each: only two fit.
        AssertNames("the code length code is over-subscribed", Refused(DynamicHeader(1, 1, 1, 1).ToArray()));
    }

    [Fact]
    public void Repeat_code_16_needs_a_previous_length()
    {
        // Codes: 16 -> 0, 17 -> 1; the first code length is a "repeat the previous one".
        byte[] data = DynamicHeader(1, 1, 0, 0).Code(0, 1).Bits(0, 2).ToArray();

        AssertNames("a code length repeat with no previous length", Refused(data));
    }

    [Fact]
    public void Code_lengths_may_not_run_past_the_number_of_codes()
    {
        // Codes: 17 -> 0, 18 -> 1; two runs of 138 zeros overshoot the 258 code lengths.
        byte[] data = DynamicHeader(0, 1, 1, 0).Code(1, 1).Bits(127, 7).Code(1, 1).Bits(127, 7).ToArray();

        AssertNames("code lengths run past the number of codes", Refused(data));
    }

    [Fact]
    public void A_dynamic_block_needs_an_end_of_block_code()
    {
        // 138 + 120 zeros: every one of the 258 code lengths is zero, symbol 256 included.
        byte[] data = DynamicHeader(0, 1, 1, 0).Code(1, 1).Bits(127, 7).Code(1, 1).Bits(109, 7).ToArray();

        AssertNames("the block has no end-of-block code", Refused(data));
    }

    [Fact]
    public void An_over_subscribed_literal_code_is_refused()
    {
        // Nine literal/length codes of 3 bits (symbols 0-6, 255, 256): only eight fit.
        byte[] data = new DeflateBits().DynamicHeader(final: true)
            .Length(3).Repeat(6).ZeroRun(138).ZeroRun(110).Length(3).Length(3).Length(0)
            .ToArray();

        AssertNames("a Huffman code is over-subscribed", Refused(data));
    }

    [Fact]
    public void A_code_over_subscribed_only_at_15_bits_is_refused()
    {
        byte[] data = new DeflateBits().LongestCodes(final: true, extraFifteenBitCode: true).ToArray();

        AssertNames("a Huffman code is over-subscribed", Refused(data));
    }

    [Theory]
    [InlineData(286)]
    [InlineData(287)]
    public void Length_codes_286_and_287_are_not_used(int symbol)
    {
        byte[] data = new DeflateBits().Header(final: true, type: 1).Fixed(symbol).ToArray();

        AssertNames("length codes 286 and 287 are not used (RFC 1951 §3.2.6)", Refused(data));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    public void Distance_codes_30_and_31_are_not_used(int distanceCode)
    {
        byte[] data = new DeflateBits().Header(final: true, type: 1).Fixed('a').Fixed(257).Code(distanceCode, 5).ToArray();

        AssertNames("distance codes 30 and 31 are not used (RFC 1951 §3.2.6)", Refused(data));
    }

    [Fact]
    public void A_distance_may_not_reach_before_the_window()
    {
        // A match of length 3 at distance 1 as the message's first symbol, with an empty window.
        byte[] data = new DeflateBits().Header(final: true, type: 1).Fixed(257).Code(0, 5).ToArray();

        AssertNames("a distance refers to data before the start of the window", Refused(data));
    }

    [Fact]
    public void A_bit_pattern_outside_an_incomplete_code_is_refused()
    {
        // Literal code: symbols 0-4 and 256 with 3 bits, so 110 and 111 are unused.
        byte[] data = new DeflateBits().ThreeBitLiterals(final: true, count: 5).Code(0b110, 3).ToArray();

        AssertNames("a bit pattern that no Huffman code uses", Refused(data));
    }

    [Fact]
    public void A_new_dynamic_block_forgets_the_codes_of_the_previous_one()
    {
        // Block 1 uses all eight 3-bit codes (symbol 6 is 110); block 2 leaves 110 unused, so 110 must fail there.
        byte[] data = new DeflateBits()
            .ThreeBitLiterals(final: false, count: 7).Code(0b110, 3).Code(0b111, 3)
            .ThreeBitLiterals(final: true, count: 5).Code(0b100, 3).Code(0b110, 3)
            .ToArray();

        AssertNames("a bit pattern that no Huffman code uses", Refused(data));
    }

    private static ProtocolException Refused(byte[] payload)
    {
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 20);
        var error = Assert.Throws<ProtocolException>(() => decompressor.Decompress(payload, new ArrayBufferWriter<byte>()));
        Assert.Equal(ProtocolError.InvalidCompressedData, error.Error);
        return error;
    }

    private static void AssertNames(string rule, ProtocolException error) => Assert.Contains(rule, error.Message, StringComparison.Ordinal);
}
