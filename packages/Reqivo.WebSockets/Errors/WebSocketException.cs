using System;

namespace Reqivo.WebSockets;

/// <summary>
/// The root of the WebSocket client's own failures. Protocol violations by the server are
/// <see cref="Protocol.WebSockets.WebSocketProtocolException"/> and handshake refusals
/// <see cref="Protocol.WebSockets.WebSocketHandshakeException"/> (both from Reqivo.Protocol); connect failures keep
/// their transport types (<see cref="Reqivo.ConnectException"/>, <see cref="Reqivo.ConnectTimeoutException"/>).
/// </summary>
public class WebSocketException : ReqivoException
{
    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong, for people.</param>
    public WebSocketException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="innerException">The underlying failure.</param>
    public WebSocketException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
