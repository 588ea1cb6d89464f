using System;
using System.Buffers;
using System.Linq;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>
/// Hand-made valid DEFLATE data at the edges of the input and the window: stored blocks that reach into the appended
/// 00 00 FF FF tail, codes that end exactly at the last input bit, overlapping matches and more than 64 KiB of stored
/// output. The inputs that must end without the tail go to the internal decoder directly.
/// </summary>
public sealed class DeflateBlockBoundaryTests
{
    [Fact]
    public void A_stored_block_may_take_its_last_bytes_from_the_appended_tail()
    {
        // LEN = 20: 16 bytes in the payload, the last 4 are the 00 00 FF FF that RFC 7692 §7.2.2 appends.
        byte[] content = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
        byte[] payload = [0x01, 20, 0x00, 0xEB, 0xFF, .. content];

        Assert.Equal([.. content, 0x00, 0x00, 0xFF, 0xFF], Inflate(payload));
    }

    [Fact]
    public void A_one_byte_stored_block_leaves_the_following_bytes_buffered()
    {
        byte[] payload = [0x00, 0x01, 0x00, 0xFE, 0xFF, (byte)'A', 0x01, 0x01, 0x00, 0xFE, 0xFF, (byte)'B'];

        Assert.Equal("AB"u8.ToArray(), Inflate(payload));
    }

    [Fact]
    public void Stored_output_beyond_the_64_KiB_history_slides_the_window()
    {
        byte[] message = DeflateTestData.Random(100_000, seed: 11);
        // Two non-final stored blocks, then the header byte of the empty block that the tail completes.
        byte[] payload = [.. StoredBlock(message.AsSpan(0, 65_535)), .. StoredBlock(message.AsSpan(65_535)), 0x00];

        Assert.Equal(message, Inflate(payload));
    }

    [Fact]
    public void An_overlapping_match_repeats_the_bytes_it_produces()
    {
        // "ab", then length 10 (code 264) at distance 2 (distance code 1).
        byte[] payload = new DeflateBits().Header(final: true, type: 1)
            .Fixed('a').Fixed('b').Fixed(264).Code(1, 5).Fixed(256).ToArray();

        Assert.Equal("abababababab"u8.ToArray(), Inflate(payload));
    }

    [Fact]
    public void An_overlapping_match_may_end_exactly_at_the_end_of_the_history()
    {
        // 65,526 stored bytes, then length 10 (code 264) at distance 3 (distance code 2): the match fills the 64 KiB
        // history to its last byte, and its last piece (1 byte) must not be copied as a whole distance.
        byte[] stored = DeflateTestData.Random(65_526, seed: 13);
        byte[] payload = new DeflateBits().Bytes(StoredBlock(stored))
            .Header(final: true, type: 1).Fixed(264).Code(2, 5).Fixed(256).ToArray();
        byte[] tail3 = stored[^3..];

        Assert.Equal([.. stored, .. tail3, .. tail3, .. tail3, tail3[0]], Inflate(payload));
    }

    [Fact]
    public void Code_16_repeats_the_previous_length_3_plus_its_two_extra_bits_times()
    {
        // Code 16 with extra bits 1 gives symbols 1-4 the length of symbol 0; symbol 4 (code 100) then end-of-block (101).
        byte[] payload = new DeflateBits().ThreeBitLiterals(final: true, count: 5).Code(0b100, 3).Code(0b101, 3).ToArray();

        Assert.Equal([4], Inflate(payload));
    }

    [Fact]
    public void Fifteen_bit_codes_decode()
    {
        byte[] payload = new DeflateBits().LongestCodes(final: true, extraFifteenBitCode: false)
            .Code(0b111111111111110, 15).Code(0b0, 1).Code(0b111111111111111, 15).ToArray();

        Assert.Equal([14, 0], Inflate(payload));
    }

    [Fact]
    public void A_final_code_may_end_on_the_last_input_bit()
    {
        // 3 header bits + six 9-bit literals + the 7-bit end-of-block = 64 bits: no padding, no tail.
        var bits = new DeflateBits().Header(final: true, type: 1);
        for (int i = 0; i < 6; i++)
        {
            bits.Fixed(0xFF);
        }

        byte[] data = bits.Fixed(256).ToArray();

        Assert.Equal(8, data.Length);
        Assert.Equal(Enumerable.Repeat((byte)0xFF, 6), InflateWithoutTail(data));
    }

    [Fact]
    public void A_stored_block_may_end_on_the_last_input_byte()
    {
        // Two empty stored blocks; the second one's NLEN is the last two bytes and needs a second refill of the bit buffer.
        byte[] data = [0x00, 0x00, 0x00, 0xFF, 0xFF, 0x01, 0x00, 0x00, 0xFF, 0xFF];

        Assert.Empty(InflateWithoutTail(data));
    }

    [Fact]
    public void A_whole_last_byte_is_read_as_another_block()
    {
        // After an empty stored block one byte remains; it is a block header (type 3), not padding.
        byte[] data = [0x00, 0x00, 0x00, 0xFF, 0xFF, 0x07];

        var error = Assert.Throws<ProtocolException>(() => InflateWithoutTail(data));
        Assert.Contains("block type 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_ends_inside_a_block_header_is_corrupt()
    {
        // A final stored block's header with no LEN after it.
        var error = Assert.Throws<ProtocolException>(() => InflateWithoutTail([0x01]));

        Assert.Equal(ProtocolError.InvalidCompressedData, error.Error);
        Assert.Contains("the data ends inside a block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_ends_inside_a_huffman_code_is_corrupt()
    {
        // A fixed block whose first 8-bit literal is cut after 5 bits.
        byte[] data = new DeflateBits().Header(final: true, type: 1).Code(0x91 >> 3, 5).ToArray();

        var error = Assert.Throws<ProtocolException>(() => InflateWithoutTail(data));

        Assert.Equal(ProtocolError.InvalidCompressedData, error.Error);
        Assert.Contains("the data ends inside a Huffman code", error.Message, StringComparison.Ordinal);
    }

    private static byte[] StoredBlock(ReadOnlySpan<byte> content)
    {
        ushort length = (ushort)content.Length;
        return [0x00, (byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8), .. content];
    }

    private static byte[] Inflate(byte[] payload)
    {
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 20);
        return DeflateTestData.Decompress(decompressor, payload);
    }

    private static byte[] InflateWithoutTail(byte[] data)
    {
        using var decoder = new DeflateDecoder();
        var output = new ArrayBufferWriter<byte>();
        long produced = decoder.Inflate(data, [], output, 1 << 20, "MaxMessageBytes");
        Assert.Equal(output.WrittenCount, produced);
        return output.WrittenSpan.ToArray();
    }
}
