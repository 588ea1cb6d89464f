namespace Reqivo.WebSockets;

/// <summary>Where a <see cref="WebSocketClient"/> is in its life.</summary>
public enum WebSocketState
{
    /// <summary>The handshake succeeded; messages flow both ways.</summary>
    Open = 1,

    /// <summary>The client sent a Close frame and waits for the server's (RFC 6455 §7.1.2); it sends no more data.</summary>
    CloseSent,

    /// <summary>The server sent a Close frame; the client answers it and the connection ends.</summary>
    CloseReceived,

    /// <summary>The connection was lost and auto-reconnect is establishing a new one.</summary>
    Reconnecting,

    /// <summary>The connection is closed for good: <see cref="WebSocketClient.CloseStatus"/> says how.</summary>
    Closed,
}
