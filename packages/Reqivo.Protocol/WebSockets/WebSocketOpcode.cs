namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The frame opcodes of RFC 6455 §5.2 and §11.8. A decoded header may carry any 4-bit value; the values not named
/// here are reserved, and <see cref="WebSocketFrameDecoder"/> refuses them.
/// </summary>
public enum WebSocketOpcode : byte
{
    /// <summary>A continuation frame of a fragmented message (RFC 6455 §5.4).</summary>
    Continuation = 0x0,

    /// <summary>The first frame of a text message: its payload is UTF-8 (RFC 6455 §5.6).</summary>
    Text = 0x1,

    /// <summary>The first frame of a binary message (RFC 6455 §5.6).</summary>
    Binary = 0x2,

    /// <summary>A Close control frame (RFC 6455 §5.5.1).</summary>
    Close = 0x8,

    /// <summary>A Ping control frame (RFC 6455 §5.5.2).</summary>
    Ping = 0x9,

    /// <summary>A Pong control frame (RFC 6455 §5.5.3).</summary>
    Pong = 0xA,
}
