namespace Reqivo.Protocol.Http1;

/// <summary>How the end of a request's content is marked (RFC 9112 §6).</summary>
public enum RequestFramingKind
{
    /// <summary>The request has no content and carries no framing field.</summary>
    None,

    /// <summary>The content is exactly <see cref="RequestFraming.Length"/> bytes, announced by <c>Content-Length</c> (RFC 9112 §6.2).</summary>
    ContentLength,

    /// <summary>The content is sent with the chunked transfer coding, announced by <c>Transfer-Encoding: chunked</c> (RFC 9112 §7.1).</summary>
    Chunked,
}
