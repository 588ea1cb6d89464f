namespace Reqivo;

/// <summary>Which rule of the protocol the peer broke. Tests and callers branch on this, never on message text.</summary>
public enum ProtocolError
{
    /// <summary>The status line is not <c>HTTP-version SP status-code SP [reason-phrase]</c> (RFC 9112 §4).</summary>
    InvalidStatusLine = 1,

    /// <summary>The HTTP version is not one this codec speaks (RFC 9112 §2.3).</summary>
    UnsupportedVersion,

    /// <summary>The status code is not three digits in the range 100–999 (RFC 9110 §15).</summary>
    InvalidStatusCode,

    /// <summary>A field name is empty or contains a character that is not a token character (RFC 9110 §5.1).</summary>
    InvalidFieldName,

    /// <summary>A field line has no colon, or whitespace between the field name and the colon (RFC 9112 §5.1).</summary>
    InvalidFieldLine,

    /// <summary>A field value contains a control character other than horizontal tab (RFC 9110 §5.5).</summary>
    InvalidFieldValue,

    /// <summary>A line ends in a CR that is not followed by LF (RFC 9112 §2.2).</summary>
    BareCarriageReturn,

    /// <summary>A continuation line (obsolete line folding) appears where no field precedes it (RFC 9112 §5.2).</summary>
    InvalidLineFolding,

    /// <summary>Content-Length is not a non-negative decimal number, or its values disagree (RFC 9112 §6.3, RFC 9110 §8.6).</summary>
    InvalidContentLength,

    /// <summary>Transfer-Encoding is malformed, or chunked is applied more than once (RFC 9112 §6.1, §7).</summary>
    InvalidTransferEncoding,

    /// <summary>A chunk-size line is not hexadecimal digits with optional extensions, or overflows (RFC 9112 §7.1).</summary>
    InvalidChunkSize,

    /// <summary>Chunk data is not followed by CRLF (RFC 9112 §7.1).</summary>
    InvalidChunkTerminator,

    /// <summary>A trailer section field is malformed or not allowed in a trailer (RFC 9112 §7.1.2, RFC 9110 §6.5.1).</summary>
    InvalidTrailer,

    /// <summary>The connection ended before the message was complete (RFC 9112 §8).</summary>
    IncompleteMessage,

    /// <summary>The peer sent bytes where no message was expected.</summary>
    UnexpectedData,

    /// <summary>A limit configured on the codec was exceeded; see <see cref="ProtocolLimitExceededException"/>.</summary>
    LimitExceeded,

    /// <summary>
    /// The peer broke RFC 6455 (WebSocket framing, fragmentation, UTF-8 or close status rules); see
    /// <see cref="Protocol.WebSockets.WebSocketProtocolException.Violation"/> for which rule.
    /// </summary>
    WebSocket,

    /// <summary>
    /// A compressed WebSocket message is not valid DEFLATE data (RFC 7692 §7.2.2, RFC 1951). A WebSocket client
    /// fails the connection with close code 1002 (protocol error).
    /// </summary>
    InvalidCompressedData,
}
