using System;
using System.Net;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// A decoded response head: status line, header fields and the message framing the decoder derived from them
/// (RFC 9112 §4, §5, §6.3).
/// </summary>
public sealed class Http1ResponseHead
{
    internal Http1ResponseHead(
        Version version,
        int statusCode,
        string reasonPhrase,
        HttpHeaders headers,
        in MessageFraming.Decision framing)
    {
        Version = version;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        Framing = framing.Framing;
        ContentLength = framing.ContentLength;
        KeepAlive = framing.KeepAlive;
        IsUpgrade = framing.IsUpgrade;
    }

    /// <summary>
    /// The protocol version: the shared <see cref="HttpVersion.Version10"/> or <see cref="HttpVersion.Version11"/>
    /// instance (an HTTP/1.x response with x above 1 is treated as 1.1, RFC 9110 §2.5).
    /// </summary>
    public Version Version { get; }

    /// <summary>The three-digit status code, 100 to 999.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase, or an empty string when the server sent none. It carries no meaning (RFC 9112 §4).</summary>
    public string ReasonPhrase { get; }

    /// <summary>The header fields in the order received; continuation lines of obsolete line folding are joined with a space.</summary>
    public HttpHeaders Headers { get; }

    /// <summary>How the end of the body is found.</summary>
    public Http1BodyFraming Framing { get; }

    /// <summary>The body length when <see cref="Framing"/> is <see cref="Http1BodyFraming.ContentLength"/>; otherwise null.</summary>
    public long? ContentLength { get; }

    /// <summary>
    /// Whether the connection may carry another request once this message is complete. False for HTTP/1.1 with
    /// <c>Connection: close</c>, for HTTP/1.0 without <c>Connection: keep-alive</c>, for close-delimited bodies, for
    /// responses whose framing is suspect (Transfer-Encoding with Content-Length, or in HTTP/1.0) and for upgrades.
    /// For an interim response it describes only that head's own fields.
    /// </summary>
    public bool KeepAlive { get; }

    /// <summary>
    /// Whether the connection switched protocols: a 101 (Switching Protocols) response, or a 2xx response to CONNECT
    /// (a tunnel). The bytes after the head belong to the new protocol.
    /// </summary>
    public bool IsUpgrade { get; }
}
