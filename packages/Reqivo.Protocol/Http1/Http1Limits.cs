using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// The limits an <see cref="Http1ResponseDecoder"/> enforces on what a peer sends, so a hostile or broken
/// server cannot make the caller buffer or parse without bound. Immutable: set the properties with an object
/// initializer (<c>new Http1Limits { MaxHeaderBytes = 16 * 1024 }</c>).
/// </summary>
/// <remarks>
/// A breach throws <see cref="ProtocolLimitExceededException"/> whose
/// <see cref="ProtocolLimitExceededException.LimitName"/> is the name of the property below.
/// </remarks>
public sealed class Http1Limits
{
    private readonly int _maxStatusLineLength = 8 * 1024;
    private readonly int _maxHeaderBytes = 64 * 1024;
    private readonly int _maxHeaderCount = 256;
    private readonly int _maxChunkSizeLineLength = 4 * 1024;
    private readonly int _maxTrailerBytes = 16 * 1024;
    private readonly int _maxInterimResponses = 16;

    /// <summary>The default limits.</summary>
    public static Http1Limits Default { get; } = new();

    /// <summary>
    /// The most bytes of a status line, including its line terminator and any empty lines before it. Default 8 KiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxStatusLineLength
    {
        get => _maxStatusLineLength;
        init => _maxStatusLineLength = Positive(value);
    }

    /// <summary>
    /// The most bytes of the field section of one response head (every field line with its terminator and the
    /// empty line that ends the section), counted across <see cref="Http1ResponseDecoder.Decode"/> calls. Default 64 KiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxHeaderBytes
    {
        get => _maxHeaderBytes;
        init => _maxHeaderBytes = Positive(value);
    }

    /// <summary>
    /// The most field lines in one response head, and separately in one trailer section (continuation lines of
    /// obsolete line folding do not count). Default 256.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxHeaderCount
    {
        get => _maxHeaderCount;
        init => _maxHeaderCount = Positive(value);
    }

    /// <summary>The most bytes of one chunk-size line, including chunk extensions and the CRLF. Default 4 KiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxChunkSizeLineLength
    {
        get => _maxChunkSizeLineLength;
        init => _maxChunkSizeLineLength = Positive(value);
    }

    /// <summary>
    /// The most bytes of the trailer section of a chunked body (every field line with its terminator and the final
    /// empty line). Default 16 KiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxTrailerBytes
    {
        get => _maxTrailerBytes;
        init => _maxTrailerBytes = Positive(value);
    }

    /// <summary>The most interim (1xx other than 101) responses accepted before the final response. Default 16.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxInterimResponses
    {
        get => _maxInterimResponses;
        init => _maxInterimResponses = Positive(value);
    }

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
