namespace Reqivo.WebSockets;

/// <summary>The type of a data message (RFC 6455 §5.6).</summary>
public enum WebSocketMessageType
{
    /// <summary>A text message: its payload is UTF-8, validated on receipt (RFC 6455 §8.1).</summary>
    Text = 1,

    /// <summary>A binary message: any bytes.</summary>
    Binary = 2,
}
