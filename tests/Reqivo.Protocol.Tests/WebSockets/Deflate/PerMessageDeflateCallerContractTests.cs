using System;
using System.Buffers;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>What the compressor, decompressor and their parameter types demand of callers: arguments, disposal, fragments.</summary>
public sealed class PerMessageDeflateCallerContractTests
{
    private static readonly PerMessageDeflateParameters Defaults = PerMessageDeflateParameters.Default;

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        using var compressor = new PerMessageDeflateCompressor(Defaults);
        using var decompressor = new PerMessageDeflateDecompressor(Defaults, 100);

        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => new PerMessageDeflateCompressor(null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => compressor.Compress([1], null!)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => new PerMessageDeflateDecompressor(null!, 100)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => decompressor.Decompress([0x00], null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => decompressor.Decompress([0x00], endOfMessage: false, null!)).ParamName);
    }

    [Fact]
    public void A_negative_message_limit_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateDecompressor(Defaults, -1));

        Assert.Equal("maxMessageBytes", error.ParamName);
    }

    [Theory]
    [InlineData(7, 15, "clientMaxWindowBits")]
    [InlineData(16, 15, "clientMaxWindowBits")]
    [InlineData(15, 7, "serverMaxWindowBits")]
    [InlineData(15, 16, "serverMaxWindowBits")]
    public void Agreed_window_bits_are_8_to_15(int clientBits, int serverBits, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateParameters(false, false, clientBits, serverBits));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void A_negative_compression_threshold_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { CompressionThreshold = -1 });

        Assert.Equal("value", error.ParamName);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(15)]
    public void Offered_window_bits_of_8_and_15_are_accepted(int bits)
    {
        var options = new PerMessageDeflateOptions { ClientMaxWindowBits = bits, ServerMaxWindowBits = bits };

        Assert.Equal(bits, options.ClientMaxWindowBits);
        Assert.Equal(bits, options.ServerMaxWindowBits);
    }

    [Fact]
    public void A_disposed_compressor_refuses_to_compress()
    {
        var compressor = new PerMessageDeflateCompressor(Defaults);
        compressor.Compress([1, 2, 3], new ArrayBufferWriter<byte>());
        compressor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => compressor.Compress([1, 2, 3], new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void A_disposed_decompressor_refuses_to_decompress()
    {
        var decompressor = new PerMessageDeflateDecompressor(Defaults, 100);
        decompressor.Decompress([0x00], new ArrayBufferWriter<byte>());
        decompressor.Dispose();
        decompressor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => decompressor.Decompress([0x00], new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void A_whole_message_cannot_start_while_fragments_are_pending()
    {
        using var decompressor = new PerMessageDeflateDecompressor(Defaults, 100);
        decompressor.Decompress([0x00], endOfMessage: false, new ArrayBufferWriter<byte>());

        Assert.Throws<InvalidOperationException>(() => decompressor.Decompress([0x00], new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void A_fragmented_message_is_inflated_when_its_last_fragment_arrives()
    {
        // Random data: the compressed message is about 10 KB, more than the first pooled buffer holds.
        byte[] message = DeflateTestData.Random(10_000, seed: 5);
        byte[] payload = DeflateTestData.DeflateWithBcl(message)[0];
        using var decompressor = new PerMessageDeflateDecompressor(Defaults, 1 << 20);
        var output = new ArrayBufferWriter<byte>();
        int third = payload.Length / 3;

        Assert.Equal(0, decompressor.Decompress(payload.AsSpan(0, third), endOfMessage: false, output));
        Assert.Equal(0, decompressor.Decompress(payload.AsSpan(third, third), endOfMessage: false, output));
        Assert.Equal(0, output.WrittenCount);
        Assert.Equal(message.Length, decompressor.Decompress(payload.AsSpan(2 * third), endOfMessage: true, output));
        Assert.Equal(message, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_single_final_fragment_is_limited_like_a_whole_message_by_its_inflated_size_only()
    {
        // 299 empty stored blocks and the header of a 300th, whose LEN and NLEN are the appended tail: 1496
        // compressed bytes that inflate to nothing. The compressed-size guard of pending fragments
        // (limit + limit/1024 + 1024 = 1024 here) does not apply to a message given in one piece.
        byte[] payload = new byte[1496];
        for (int i = 0; i + 5 <= payload.Length; i += 5)
        {
            payload[i + 3] = 0xFF;
            payload[i + 4] = 0xFF;
        }

        using var decompressor = new PerMessageDeflateDecompressor(Defaults, 0);

        Assert.Equal(0, decompressor.Decompress(payload, endOfMessage: true, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Pending_fragments_may_reach_the_limit_plus_a_thousandth_plus_1024_bytes()
    {
        const long limit = 1 << 20;
        using var decompressor = new PerMessageDeflateDecompressor(Defaults, limit);
        var output = new ArrayBufferWriter<byte>();
        decompressor.Decompress(new byte[limit + (limit / 1024) + 1024], endOfMessage: false, output);

        var error = Assert.Throws<ProtocolLimitExceededException>(() => decompressor.Decompress([0x00], endOfMessage: false, output));

        Assert.Equal("MaxMessageBytes", error.LimitName);
        Assert.Equal(limit, error.Limit);
    }

    [Fact]
    public void Client_no_context_takeover_still_shares_the_window_between_fragments_of_one_message()
    {
        byte[] half = DeflateTestData.Text(2000);
        var parameters = new PerMessageDeflateParameters(clientNoContextTakeover: true, false, 15, 15);
        using var compressor = new PerMessageDeflateCompressor(parameters);
        var first = new ArrayBufferWriter<byte>();
        var second = new ArrayBufferWriter<byte>();

        compressor.Compress(half, endOfMessage: false, first);
        compressor.Compress(half, endOfMessage: true, second);

        Assert.True(second.WrittenCount * 5 < first.WrittenCount, $"second {second.WrittenCount} vs first {first.WrittenCount}");
        Assert.Equal([.. half, .. half], DeflateTestData.InflateWithBcl([.. first.WrittenSpan, .. second.WrittenSpan]));
    }

    [Fact]
    public void A_client_window_of_8_bits_never_reaches_257_bytes_back()
    {
        // The block repeats only at a distance of 257 bytes, one beyond a 256-byte window.
        byte[] block = DeflateTestData.Random(257, seed: 9);
        byte[] message = [.. block, .. block];
        using var compressor = new PerMessageDeflateCompressor(new PerMessageDeflateParameters(false, false, 8, 15));

        byte[] output = DeflateTestData.Compress(compressor, message);

        Assert.True(output.Length > message.Length, $"{output.Length} bytes: a match reached outside the window");
        Assert.Equal(message, DeflateTestData.InflateWithBcl(output));
    }
}
