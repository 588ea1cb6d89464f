using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Content;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// The outermost decoded layer counts decoded bytes: it asks the layer below for at most one byte past the size limit,
/// and checks the ratio only strictly beyond its threshold and strictly beyond the allowed ratio.
/// </summary>
public sealed class DecodedSizeAccountingTests
{
    [Fact]
    public void Reads_ask_for_no_more_than_one_byte_past_the_size_limit()
    {
        var decoded = new ScriptedDecoded(total: 100, perRead: 5);
        using var bounded = new BoundedDecodingStream(decoded, EncodedOf(100), new DecompressionLimits { MaxDecompressedSize = 10 });
        byte[] buffer = new byte[100];

        Assert.Equal(5, bounded.Read(buffer, 0, buffer.Length));
        Assert.Equal(5, bounded.Read(buffer, 0, buffer.Length));
        var error = Assert.Throws<ProtocolLimitExceededException>(() => bounded.Read(buffer, 0, buffer.Length));

        Assert.Equal(nameof(DecompressionLimits.MaxDecompressedSize), error.LimitName);
        Assert.Equal(10, error.Limit);
        Assert.Equal([11, 6, 1], decoded.Requested);
    }

    [Fact]
    public void A_body_of_exactly_the_size_limit_is_accepted()
    {
        var decoded = new ScriptedDecoded(total: 10, perRead: 100);
        using var bounded = new BoundedDecodingStream(decoded, EncodedOf(100), new DecompressionLimits { MaxDecompressedSize = 10 });
        byte[] buffer = new byte[100];

        Assert.Equal(10, bounded.Read(buffer, 0, buffer.Length));
        Assert.Equal(0, bounded.Read(buffer, 0, buffer.Length));
    }

    [Theory]
    [InlineData(10, 2, 3, false)] // 10 decoded is not beyond the threshold of 10, though the ratio is 3.3
    [InlineData(9, 2, 5, false)] // 10 decoded is exactly twice the 5 encoded bytes
    [InlineData(9, 2, 4, true)] // 10 decoded is beyond twice the 4 encoded bytes
    public void The_ratio_is_refused_only_strictly_beyond_threshold_and_ratio(long threshold, int ratio, int encodedLength, bool refused)
    {
        var limits = new DecompressionLimits { RatioCheckThreshold = threshold, MaxCompressionRatio = ratio };
        using var bounded = new BoundedDecodingStream(new ScriptedDecoded(total: 10, perRead: 10), EncodedOf(encodedLength), limits);
        byte[] buffer = new byte[100];

        if (refused)
        {
            var error = Assert.Throws<ProtocolLimitExceededException>(() => bounded.Read(buffer, 0, buffer.Length));
            Assert.Equal(nameof(DecompressionLimits.MaxCompressionRatio), error.LimitName);
            Assert.Equal(ratio, error.Limit);
        }
        else
        {
            Assert.Equal(10, bounded.Read(buffer, 0, buffer.Length));
        }
    }

    [Fact]
    public async Task Disposing_asynchronously_disposes_the_layer_below_asynchronously()
    {
        var decoded = new ScriptedDecoded(total: 10, perRead: 10);
        var bounded = new BoundedDecodingStream(decoded, EncodedOf(10), DecompressionLimits.Default);

        await bounded.DisposeAsync();

        Assert.True(decoded.DisposedAsynchronously);
    }

    /// <summary>An encoded input that has already counted <paramref name="length"/> bytes read.</summary>
    private static EncodedInput EncodedOf(int length)
    {
        var input = new EncodedInput(new MemoryStream(new byte[length]));
        input.CopyTo(Stream.Null);
        Assert.Equal(length, input.TotalRead);
        return input;
    }

    /// <summary>A stand-in for the decoding layers: hands out zero bytes, at most <c>perRead</c> a read, and records each request's size.</summary>
    private sealed class ScriptedDecoded(int total, int perRead) : ReadOnlyTestStream
    {
        private int _served;

        public List<int> Requested { get; } = [];

        public bool DisposedAsynchronously { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Requested.Add(buffer.Length);
            int count = Math.Min(Math.Min(buffer.Length, perRead), total - _served);
            buffer[..count].Clear();
            _served += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));

        public override ValueTask DisposeAsync()
        {
            DisposedAsynchronously = true;
            return base.DisposeAsync();
        }
    }
}
