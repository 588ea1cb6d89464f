namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Which rule of RFC 6455 the peer broke; <see cref="WebSocketProtocolException.Violation"/> carries it. Tests and
/// callers branch on this, never on message text.
/// </summary>
public enum WebSocketViolation
{
    /// <summary>A frame from the server is masked (RFC 6455 §5.1); close code 1002.</summary>
    MaskedServerFrame = 1,

    /// <summary>RSV1, RSV2 or RSV3 is set and no negotiated extension gives it a meaning (RFC 6455 §5.2); close code 1002.</summary>
    ReservedBitSet,

    /// <summary>The opcode is one of the reserved values 0x3–0x7 or 0xB–0xF (RFC 6455 §5.2); close code 1002.</summary>
    ReservedOpcode,

    /// <summary>A 64-bit payload length has its most significant bit set (RFC 6455 §5.2); close code 1002.</summary>
    InvalidPayloadLength,

    /// <summary>A control frame has a payload longer than 125 bytes (RFC 6455 §5.5); close code 1002.</summary>
    ControlFrameTooLong,

    /// <summary>A control frame has FIN clear: control frames are never fragmented (RFC 6455 §5.5); close code 1002.</summary>
    FragmentedControlFrame,

    /// <summary>A continuation frame arrived while no fragmented message was in progress (RFC 6455 §5.4); close code 1002.</summary>
    UnexpectedContinuation,

    /// <summary>A text or binary frame arrived before the fragmented message in progress ended (RFC 6455 §5.4); close code 1002.</summary>
    UnfinishedMessage,

    /// <summary>A Close frame payload is one byte long, or carries a status code that may not be received (RFC 6455 §5.5.1, §7.4); close code 1002.</summary>
    InvalidCloseStatus,

    /// <summary>A text message or a close reason is not valid UTF-8 (RFC 6455 §8.1); close code 1007.</summary>
    InvalidUtf8,

    /// <summary>A frame payload is longer than <see cref="WebSocketLimits.MaxFramePayloadLength"/>; close code 1009.</summary>
    FrameTooLarge,

    /// <summary>A message is longer than <see cref="WebSocketLimits.MaxMessageLength"/>; close code 1009.</summary>
    MessageTooLarge,
}
