using System;

namespace Reqivo.Content;

/// <summary>
/// Bounds on decoding a response body's content codings, the defence against decompression bombs: a small
/// compressed body that expands to gigabytes. Exceeding either bound raises <see cref="ProtocolLimitExceededException"/>
/// whose <see cref="ProtocolLimitExceededException.LimitName"/> is <c>MaxDecompressedSize</c> or <c>MaxCompressionRatio</c>.
/// </summary>
/// <remarks>Immutable and safe to share between sessions and threads.</remarks>
public sealed class DecompressionLimits
{
    private readonly long _maxDecompressedSize = 64L * 1024 * 1024;
    private readonly int _maxCompressionRatio = 100;
    private readonly long _ratioCheckThreshold = 1024 * 1024;

    /// <summary>The defaults: 64 MiB decoded at most, and at most 100 decoded bytes per encoded byte beyond the first 1 MiB.</summary>
    public static DecompressionLimits Default { get; } = new();

    /// <summary>
    /// The largest decoded body, in bytes. Default 64 MiB, the same as <see cref="SessionOptions.MaxResponseBodySize"/>,
    /// so a buffered body may not grow past what the session would accept unencoded.
    /// </summary>
    public long MaxDecompressedSize
    {
        get => _maxDecompressedSize;
        init => _maxDecompressedSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit is positive.");
    }

    /// <summary>
    /// The largest number of decoded bytes per encoded byte read, checked once more than
    /// <see cref="RatioCheckThreshold"/> bytes were decoded. Default 100.
    /// </summary>
    public int MaxCompressionRatio
    {
        get => _maxCompressionRatio;
        init => _maxCompressionRatio = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The ratio is positive.");
    }

    /// <summary>
    /// How many decoded bytes are allowed before <see cref="MaxCompressionRatio"/> applies, so small, highly repetitive
    /// bodies (a page of spaces, an empty JSON array padded out) are never refused. Default 1 MiB; zero checks from the start.
    /// </summary>
    public long RatioCheckThreshold
    {
        get => _ratioCheckThreshold;
        init => _ratioCheckThreshold = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold is not negative.");
    }
}
