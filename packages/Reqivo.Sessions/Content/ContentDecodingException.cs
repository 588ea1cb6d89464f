using System;

namespace Reqivo.Content;

/// <summary>
/// A response body could not be decoded with the content coding its <c>Content-Encoding</c> names: the data is corrupt
/// (<see cref="ProtocolError.UnexpectedData"/>) or ends before the coding's own end marker
/// (<see cref="ProtocolError.IncompleteMessage"/>). <see cref="ContentCoding"/> names the coding.
/// </summary>
public sealed class ContentDecodingException : ProtocolException
{
    /// <summary>Creates an exception for a body that the named coding could not decode.</summary>
    /// <param name="contentCoding">The content coding, for example <c>gzip</c>.</param>
    /// <param name="truncated">True when the data ended early, false when it is corrupt.</param>
    /// <param name="innerException">The decoder's own failure, if any.</param>
    public ContentDecodingException(string contentCoding, bool truncated, Exception? innerException)
        : base(
            truncated ? ProtocolError.IncompleteMessage : ProtocolError.UnexpectedData,
            truncated
                ? $"The response body ends before the end of its '{contentCoding}' content coding."
                : $"The response body is not valid '{contentCoding}' data.",
            innerException)
    {
        ArgumentNullException.ThrowIfNull(contentCoding);
        ContentCoding = contentCoding;
        IsTruncated = truncated;
    }

    /// <summary>The content coding that failed, as named in <c>Content-Encoding</c> (lower case).</summary>
    public string ContentCoding { get; }

    /// <summary>True when the encoded data ended early; false when it is corrupt.</summary>
    public bool IsTruncated { get; }
}
