using System;
using System.Buffers;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>Context takeover, no context takeover, window sizes, the size limit and corrupt data.</summary>
public sealed class PerMessageDeflateContextTests
{
    private static readonly byte[] Message = DeflateTestData.Text(2000);

    [Fact]
    public void With_context_takeover_a_repeated_message_compresses_much_smaller()
    {
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);

        byte[] first = DeflateTestData.Compress(compressor, Message);
        byte[] second = DeflateTestData.Compress(compressor, Message);

        Assert.True(second.Length * 5 < first.Length, $"second {second.Length} vs first {first.Length}");
    }

    [Fact]
    public void With_client_no_context_takeover_every_message_stands_alone()
    {
        var parameters = new PerMessageDeflateParameters(clientNoContextTakeover: true, false, 15, 15);
        using var compressor = new PerMessageDeflateCompressor(parameters);

        byte[] first = DeflateTestData.Compress(compressor, Message);
        byte[] second = DeflateTestData.Compress(compressor, Message);

        Assert.Equal(first, second);

        // A fresh inflater (no shared window) inflates the second message on its own.
        Assert.Equal(Message, DeflateTestData.InflateWithBcl(second));
    }

    [Fact]
    public void With_server_no_context_takeover_the_decompressor_resets_between_messages()
    {
        byte[][] payloads = DeflateTestData.DeflateWithBcl(Message, Message);
        var parameters = new PerMessageDeflateParameters(false, serverNoContextTakeover: true, 15, 15);
        using var resetting = new PerMessageDeflateDecompressor(parameters, 1 << 20);
        using var keeping = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 20);

        Assert.Equal(Message, DeflateTestData.Decompress(keeping, payloads[0]));
        Assert.Equal(Message, DeflateTestData.Decompress(keeping, payloads[1]));

        // zlib's second message refers to the first; a decompressor that reset its window must refuse it.
        Assert.Equal(Message, DeflateTestData.Decompress(resetting, payloads[0]));
        var refused = Assert.Throws<ProtocolException>(() => DeflateTestData.Decompress(resetting, payloads[1]));
        Assert.Equal(ProtocolError.InvalidCompressedData, refused.Error);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void A_smaller_client_window_keeps_matches_within_it(int windowBits)
    {
        // The block repeats at a distance of 2000 bytes only: beyond a 2^windowBits window it cannot be matched.
        byte[] block = DeflateTestData.Random(2000, seed: 3);
        byte[] message = [.. block, .. block];
        var narrow = new PerMessageDeflateParameters(false, false, windowBits, 15);
        using var narrowCompressor = new PerMessageDeflateCompressor(narrow);
        using var wideCompressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);

        byte[] narrowOutput = DeflateTestData.Compress(narrowCompressor, message);
        byte[] wideOutput = DeflateTestData.Compress(wideCompressor, message);

        Assert.True(narrowOutput.Length > message.Length, "no match reaches 2000 bytes back");
        Assert.True(wideOutput.Length < message.Length * 3 / 4, "the 15-bit window finds the repeat");
        Assert.Equal(message, DeflateTestData.InflateWithBcl(narrowOutput));
    }

    [Fact]
    public void A_decompression_bomb_stops_at_the_limit()
    {
        byte[] bomb = DeflateTestData.DeflateWithBcl(new byte[10_000_000])[0];
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1_000_000);
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ProtocolLimitExceededException>(() => decompressor.Decompress(bomb, output));

        Assert.Equal("MaxMessageBytes", error.LimitName);
        Assert.Equal(1_000_000, error.Limit);
        Assert.True(bomb.Length < 20_000);
        Assert.InRange(output.WrittenCount, 0, 1_000_000);
    }

    [Fact]
    public void A_message_exactly_at_the_limit_is_accepted()
    {
        byte[] payload = DeflateTestData.DeflateWithBcl(new byte[100_000])[0];
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 100_000);

        Assert.Equal(100_000, DeflateTestData.Decompress(decompressor, payload).Length);
    }

    [Fact]
    public void Compressed_fragments_beyond_the_limit_are_refused_before_inflating()
    {
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1000);
        var output = new ArrayBufferWriter<byte>();
        decompressor.Decompress(new byte[2000], endOfMessage: false, output);

        var error = Assert.Throws<ProtocolLimitExceededException>(() => decompressor.Decompress(new byte[1000], endOfMessage: false, output));

        Assert.Equal("MaxMessageBytes", error.LimitName);
    }

    [Theory]
    [InlineData("ff", "block type 3")]
    [InlineData("f248cdc9c9", "ends inside a block")]
    [InlineData("0005000000", "stored LEN and NLEN disagree")]
    [InlineData("020200", "a match at distance 1 with an empty window")]
    [InlineData("0d", "dynamic block, code lengths cut off")]
    public void Corrupt_data_is_a_protocol_error(string hex, string why)
    {
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 20);

        var error = Assert.Throws<ProtocolException>(() => DeflateTestData.Decompress(decompressor, Convert.FromHexString(hex)));

        Assert.Equal(ProtocolError.InvalidCompressedData, error.Error);
        Assert.NotNull(why);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_a_protocol_error()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            byte[] garbage = DeflateTestData.Random(1 + (seed % 200), seed);
            using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 16);
            try
            {
                DeflateTestData.Decompress(decompressor, garbage);
            }
            catch (ProtocolException e)
            {
                Assert.True(e.Error is ProtocolError.InvalidCompressedData or ProtocolError.LimitExceeded, e.Error.ToString());
            }
        }
    }

    [Fact]
    public void Mutated_zlib_output_inflates_or_fails_only_with_a_protocol_error()
    {
        byte[] valid = DeflateTestData.DeflateWithBcl(DeflateTestData.Text(3000))[0];
        var random = new Random(5);
        for (int i = 0; i < 500; i++)
        {
            byte[] mutated = (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
            }

            using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 16);
            try
            {
                Assert.InRange(DeflateTestData.Decompress(decompressor, mutated).Length, 0, 1 << 16);
            }
            catch (ProtocolException e)
            {
                Assert.True(e.Error is ProtocolError.InvalidCompressedData or ProtocolError.LimitExceeded, e.Error.ToString());
            }
        }
    }
}
