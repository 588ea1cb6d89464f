using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>
/// The compressor and decompressor against each other and against System.IO.Compression's zlib, which stands in for
/// an independent peer: zlib must inflate what the compressor writes, and the decompressor must inflate zlib's
/// dynamic-Huffman output.
/// </summary>
public sealed class PerMessageDeflateRoundTripTests
{
    public static IEnumerable<object[]> Inputs()
    {
        foreach (int level in new[] { 0, 1, 6, 9 })
        {
            yield return ["text-100", level];
            yield return ["text-100000", level];
            yield return ["random-70000", level];
            yield return ["zeros-300000", level];
            yield return ["mixed-50000", level];
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Compressed_messages_inflate_with_zlib_and_with_the_decompressor(string input, int level)
    {
        byte[] message = Make(input);
        byte[] other = DeflateTestData.Text(5000);
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default, new PerMessageDeflateOptions { CompressionLevel = level });
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 24);

        byte[] first = DeflateTestData.Compress(compressor, message);
        byte[] second = DeflateTestData.Compress(compressor, other);
        byte[] third = DeflateTestData.Compress(compressor, message);

        Assert.Equal(message.Concat(other).Concat(message).ToArray(), DeflateTestData.InflateWithBcl(first, second, third));
        Assert.Equal(message, DeflateTestData.Decompress(decompressor, first));
        Assert.Equal(other, DeflateTestData.Decompress(decompressor, second));
        Assert.Equal(message, DeflateTestData.Decompress(decompressor, third));
    }

    [Theory]
    [InlineData("text-100")]
    [InlineData("text-200000")]
    [InlineData("random-40000")]
    [InlineData("zeros-100000")]
    public void The_decompressor_inflates_zlib_output_across_messages(string input)
    {
        byte[] message = Make(input);
        byte[] other = DeflateTestData.Text(3000);
        byte[][] payloads = DeflateTestData.DeflateWithBcl(message, other, message, [], message);
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 24);

        byte[][] inflated = payloads.Select(p => DeflateTestData.Decompress(decompressor, p)).ToArray();

        Assert.Equal([message, other, message, [], message], inflated);
    }

    [Fact]
    public void Level_zero_writes_stored_blocks_only()
    {
        byte[] message = DeflateTestData.Text(1000);
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default, new PerMessageDeflateOptions { CompressionLevel = 0 });

        byte[] compressed = DeflateTestData.Compress(compressor, message);

        // One stored block (3 header bits padded, LEN, NLEN, data) and the 1-byte stripped sync flush.
        Assert.Equal(1 + 4 + message.Length + 1, compressed.Length);
        Assert.Equal(message, DeflateTestData.InflateWithBcl(compressed));
    }

    [Fact]
    public void Incompressible_data_grows_by_a_few_bytes_only()
    {
        byte[] message = DeflateTestData.Random(100_000);
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);

        byte[] compressed = DeflateTestData.Compress(compressor, message);

        Assert.InRange(compressed.Length, message.Length, message.Length + 64);
    }

    [Fact]
    public void A_message_compressed_in_pieces_inflates_to_the_whole_and_can_be_sent_as_fragments()
    {
        byte[] message = DeflateTestData.Text(90_000);
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 20);
        var fragments = new List<byte[]>();
        int[] cuts = [0, 1, 17, 5000, 40_000, 40_001, 90_000];
        for (int i = 0; i + 1 < cuts.Length; i++)
        {
            var piece = new ArrayBufferWriter<byte>();
            compressor.Compress(message.AsSpan(cuts[i], cuts[i + 1] - cuts[i]), endOfMessage: i + 2 == cuts.Length, piece);
            fragments.Add(piece.WrittenSpan.ToArray());
        }

        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < fragments.Count; i++)
        {
            decompressor.Decompress(fragments[i], endOfMessage: i == fragments.Count - 1, output);
        }

        Assert.Equal(message, output.WrittenSpan.ToArray());
        Assert.Equal(message, DeflateTestData.InflateWithBcl(fragments.SelectMany(f => f).ToArray()));
    }

    [Fact]
    public void Every_byte_split_of_a_compressed_message_decompresses_the_same()
    {
        byte[] message = DeflateTestData.Text(300);
        byte[] payload = DeflateTestData.DeflateWithBcl(message)[0];
        for (int split = 0; split <= payload.Length; split++)
        {
            using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1000);
            var output = new ArrayBufferWriter<byte>();
            decompressor.Decompress(payload.AsSpan(0, split), endOfMessage: false, output);
            Assert.Equal(0, output.WrittenCount);
            decompressor.Decompress(payload.AsSpan(split), endOfMessage: true, output);
            Assert.Equal(message, output.WrittenSpan.ToArray());
        }
    }

    private static byte[] Make(string input)
    {
        string[] parts = input.Split('-');
        int length = int.Parse(parts[1]);
        return parts[0] switch
        {
            "text" => DeflateTestData.Text(length),
            "random" => DeflateTestData.Random(length),
            "zeros" => new byte[length],
            _ => DeflateTestData.Text(length / 2).Concat(DeflateTestData.Random(length / 2)).ToArray(),
        };
    }
}
