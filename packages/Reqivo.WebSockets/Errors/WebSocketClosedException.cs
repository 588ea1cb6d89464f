using System;

namespace Reqivo.WebSockets;

/// <summary>
/// The operation cannot proceed because the connection is closed: the server closed it (with a Close frame or
/// without one), the client closed it, or it failed. <see cref="CloseStatus"/> says how (RFC 6455 §7.1.5).
/// </summary>
/// <remarks>
/// A receive that finds the connection closed raises this; so does a send on a closed connection, and a send whose
/// write failed (the peer may then have received part of the message). The inner exception, when present, is the
/// I/O failure or timeout that ended the connection.
/// </remarks>
public sealed class WebSocketClosedException : WebSocketException
{
    /// <summary>Creates an exception for a closed connection.</summary>
    /// <param name="closeStatus">The close status (1006 when no Close frame was exchanged).</param>
    /// <param name="closeReason">The close reason; empty when none.</param>
    /// <param name="message">What happened, for people.</param>
    /// <param name="innerException">The failure that ended the connection, when there was one.</param>
    public WebSocketClosedException(int closeStatus, string closeReason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        CloseStatus = closeStatus;
        CloseReason = closeReason;
    }

    /// <summary>
    /// The close status: the code of the server's Close frame (1005 when it carried none), the code the client sent
    /// when the client failed the connection, or 1006 when the connection ended without a Close frame.
    /// </summary>
    public int CloseStatus { get; }

    /// <summary>The close reason; empty when none was given.</summary>
    public string CloseReason { get; }

    /// <summary>Whether the close handshake completed normally (status 1000 or 1001): the end of a conversation, not a failure.</summary>
    public bool IsNormalClosure => CloseStatus is 1000 or 1001;
}
