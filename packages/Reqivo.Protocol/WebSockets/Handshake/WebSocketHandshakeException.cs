using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The server's answer to a WebSocket opening handshake is not a valid acceptance (RFC 6455 §4.1). <see cref="Error"/>
/// says which rule it broke; <see cref="StatusCode"/> and <see cref="Headers"/> are the response's status and fields,
/// so a caller can read, for example, the <c>WWW-Authenticate</c> of a 401.
/// </summary>
public class WebSocketHandshakeException : ReqivoException
{
    /// <summary>Creates an exception for the given broken rule.</summary>
    /// <param name="error">Which rule the response broke.</param>
    /// <param name="statusCode">The response's status code.</param>
    /// <param name="headers">The response's header fields, when known.</param>
    /// <param name="message">What was wrong, for people.</param>
    public WebSocketHandshakeException(WebSocketHandshakeError error, int statusCode, HttpHeaders? headers, string message)
        : this(error, statusCode, headers, message, innerException: null)
    {
    }

    /// <summary>Creates an exception for the given broken rule with the failure that revealed it.</summary>
    /// <param name="error">Which rule the response broke.</param>
    /// <param name="statusCode">The response's status code.</param>
    /// <param name="headers">The response's header fields, when known.</param>
    /// <param name="message">What was wrong, for people.</param>
    /// <param name="innerException">The underlying failure.</param>
    public WebSocketHandshakeException(WebSocketHandshakeError error, int statusCode, HttpHeaders? headers, string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = error;
        StatusCode = statusCode;
        Headers = headers;
    }

    /// <summary>Which rule the response broke.</summary>
    public WebSocketHandshakeError Error { get; }

    /// <summary>The HTTP status code of the response (101 when only the fields were wrong).</summary>
    public int StatusCode { get; }

    /// <summary>The response's header fields, when known.</summary>
    public HttpHeaders? Headers { get; }
}
