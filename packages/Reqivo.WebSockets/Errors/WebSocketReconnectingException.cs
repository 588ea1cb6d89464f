namespace Reqivo.WebSockets;

/// <summary>
/// A message was offered while auto-reconnect is re-establishing the connection. Nothing of the message was sent:
/// send it again after <see cref="WebSocketClient.Reconnected"/> (messages are never queued and never dropped silently).
/// </summary>
public sealed class WebSocketReconnectingException : WebSocketException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, for people.</param>
    public WebSocketReconnectingException(string message)
        : base(message)
    {
    }
}
