using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Content;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>Decompression bombs stop at a limit, named in the exception, without the decoded body growing in memory.</summary>
public sealed class DecompressionLimitsTests
{
    private const int OneMiB = 1024 * 1024;

    // 10 MiB of zeros: about 10 KiB gzipped, a ratio near 1000:1.
    private static readonly byte[] GzippedZeros = Codecs.Encode("gzip", new byte[10 * OneMiB]);

    private static readonly DecompressionLimits OneMiBNoRatio = new() { MaxDecompressedSize = OneMiB, RatioCheckThreshold = long.MaxValue };

    [Fact]
    public void Defaults_match_the_session_body_limit()
    {
        DecompressionLimits limits = DecompressionLimits.Default;

        Assert.Equal(new SessionOptions().MaxResponseBodySize, limits.MaxDecompressedSize);
        Assert.Equal(64L * OneMiB, limits.MaxDecompressedSize);
        Assert.Equal(100, limits.MaxCompressionRatio);
        Assert.Equal(OneMiB, limits.RatioCheckThreshold);
    }

    [Fact]
    public void Limits_reject_values_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecompressionLimits { MaxDecompressedSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecompressionLimits { MaxCompressionRatio = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecompressionLimits { RatioCheckThreshold = -1 });
        Assert.Equal(0, new DecompressionLimits { RatioCheckThreshold = 0 }.RatioCheckThreshold);
    }

    [Fact]
    public void Buffered_bomb_stops_at_the_size_limit_with_bounded_allocation()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ProtocolLimitExceededException>(() => ContentDecoding.Decode("gzip", GzippedZeros, OneMiBNoRatio));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(nameof(DecompressionLimits.MaxDecompressedSize), error.LimitName);
        Assert.Equal(OneMiB, error.Limit);
        Assert.Equal(ProtocolError.LimitExceeded, error.Error);
        // Growing to the limit costs a few MiB at most; decoding the whole bomb would cost more than 10 MiB.
        Assert.InRange(allocated, 0, 5 * OneMiB);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streamed_bomb_stops_before_the_caller_sees_more_than_the_size_limit(bool async)
    {
        await using Stream decoded = ContentDecoding.Wrap("gzip", new ProbeStream(GzippedZeros, async), OneMiBNoRatio);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;

        var error = await Assert.ThrowsAsync<ProtocolLimitExceededException>(async () =>
        {
            while (true)
            {
                int read = async ? await decoded.ReadAsync(buffer) : decoded.Read(buffer, 0, buffer.Length);
                Assert.NotEqual(0, read);
                total += read;
            }
        });

        Assert.Equal(nameof(DecompressionLimits.MaxDecompressedSize), error.LimitName);
        // The read that crosses the limit throws instead of returning: the caller got at most the limit.
        Assert.InRange(total, OneMiB - buffer.Length, OneMiB);
    }

    [Fact]
    public void Streaming_a_bomb_to_the_limit_allocates_little()
    {
        var limits = new DecompressionLimits { MaxDecompressedSize = 8 * OneMiB, RatioCheckThreshold = long.MaxValue };
        byte[] buffer = new byte[64 * 1024];
        using Stream decoded = ContentDecoding.Wrap("gzip", new MemoryStream(GzippedZeros), limits);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;

        Assert.Throws<ProtocolLimitExceededException>(() =>
        {
            int read;
            while ((read = decoded.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }
        });

        Assert.InRange(total, (8 * OneMiB) - buffer.Length, 8 * OneMiB);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, OneMiB / 4);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public void Bomb_within_the_size_limit_stops_at_the_ratio_limit(string form)
    {
        byte[] bomb = Codecs.Encode(form, new byte[10 * OneMiB]);

        var error = Assert.Throws<ProtocolLimitExceededException>(() => ContentDecoding.Decode(form, bomb));

        Assert.Equal(nameof(DecompressionLimits.MaxCompressionRatio), error.LimitName);
        Assert.Equal(100, error.Limit);
    }

    [Fact]
    public void Highly_compressed_body_below_the_ratio_threshold_is_accepted()
    {
        byte[] zeros = new byte[OneMiB - 1];

        byte[] decoded = ContentDecoding.Decode("gzip", Codecs.Encode("gzip", zeros));

        Assert.Equal(zeros.Length, decoded.Length);
        Assert.DoesNotContain(decoded, b => b != 0);
    }

    [Fact]
    public void Ratio_is_measured_against_the_bytes_on_the_wire_across_stacked_codings()
    {
        // gzip twice shrinks zeros far more than once; the ratio counts the outer, transferred bytes.
        byte[] bomb = Codecs.Encode("gzip", Codecs.Encode("gzip", new byte[4 * OneMiB]));

        var error = Assert.Throws<ProtocolLimitExceededException>(() => ContentDecoding.Decode("gzip, gzip", bomb));

        Assert.Equal(nameof(DecompressionLimits.MaxCompressionRatio), error.LimitName);
    }

    [Fact]
    public void Ratio_limit_applies_from_the_start_when_the_threshold_is_zero()
    {
        var strict = new DecompressionLimits { MaxCompressionRatio = 2, RatioCheckThreshold = 0 };
        byte[] text = Codecs.Text(50_000);

        Assert.Equal(text, ContentDecoding.Decode("br", Codecs.Encode("br", text), new DecompressionLimits { MaxCompressionRatio = 3, RatioCheckThreshold = 0 }));
        Assert.Throws<ProtocolLimitExceededException>(() => ContentDecoding.Decode("gzip", Codecs.Encode("gzip", new byte[50_000]), strict));
    }

    [Fact]
    public void Body_exactly_at_the_size_limit_is_accepted()
    {
        byte[] data = Codecs.Text(100_000);
        var exact = new DecompressionLimits { MaxDecompressedSize = data.Length };
        var smaller = new DecompressionLimits { MaxDecompressedSize = data.Length - 1 };

        Assert.Equal(data, ContentDecoding.Decode("gzip", Codecs.Encode("gzip", data), exact));
        Assert.Throws<ProtocolLimitExceededException>(() => ContentDecoding.Decode("gzip", Codecs.Encode("gzip", data), smaller));
    }
}
