using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The server broke RFC 6455. <see cref="Violation"/> says which rule, and <see cref="CloseCode"/> is the status code
/// the client must send in its Close frame before it drops the connection (RFC 6455 §7.1.7, §7.4.1): 1002 for
/// framing and protocol errors, 1007 for invalid UTF-8, 1009 for a frame or message over a limit.
/// </summary>
/// <remarks>
/// <see cref="ProtocolException.Error"/> is <see cref="ProtocolError.LimitExceeded"/> for the two limit violations
/// and <see cref="ProtocolError.WebSocket"/> for the others.
/// </remarks>
public sealed class WebSocketProtocolException : ProtocolException
{
    /// <summary>Creates an exception for the broken rule, with the close code that rule calls for.</summary>
    /// <param name="violation">Which rule the server broke.</param>
    /// <param name="message">What was wrong, for people.</param>
    public WebSocketProtocolException(WebSocketViolation violation, string message)
        : base(ErrorOf(violation), message)
    {
        Violation = violation;
        CloseCode = CloseCodeOf(violation);
    }

    /// <summary>Which rule the server broke.</summary>
    public WebSocketViolation Violation { get; }

    /// <summary>
    /// The status code to send in the client's Close frame: <see cref="WebSocketCloseStatus.ProtocolError"/> (1002),
    /// <see cref="WebSocketCloseStatus.InvalidPayloadData"/> (1007) or <see cref="WebSocketCloseStatus.MessageTooBig"/> (1009).
    /// </summary>
    public int CloseCode { get; }

    /// <summary>The close code RFC 6455 §7.4.1 assigns to a violation.</summary>
    /// <param name="violation">A broken rule.</param>
    /// <returns>1007 for invalid UTF-8, 1009 for a limit, 1002 otherwise.</returns>
    public static int CloseCodeOf(WebSocketViolation violation) => violation switch
    {
        WebSocketViolation.InvalidUtf8 => WebSocketCloseStatus.InvalidPayloadData,
        WebSocketViolation.FrameTooLarge or WebSocketViolation.MessageTooLarge => WebSocketCloseStatus.MessageTooBig,
        _ => WebSocketCloseStatus.ProtocolError,
    };

    private static ProtocolError ErrorOf(WebSocketViolation violation) =>
        violation is WebSocketViolation.FrameTooLarge or WebSocketViolation.MessageTooLarge
            ? ProtocolError.LimitExceeded
            : ProtocolError.WebSocket;
}
