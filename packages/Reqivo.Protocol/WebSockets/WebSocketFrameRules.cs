namespace Reqivo.Protocol.WebSockets;

/// <summary>The checks on one frame header from a server that need no knowledge of the message in progress.</summary>
internal static class WebSocketFrameRules
{
    /// <summary>Throws <see cref="WebSocketProtocolException"/> for the first rule the header breaks.</summary>
    public static void Validate(in WebSocketFrameHeader header, bool perMessageDeflate, WebSocketLimits limits)
    {
        // RFC 6455 §5.1: "A client MUST close a connection if it detects a masked frame."
        if (header.IsMasked)
        {
            Throw(WebSocketViolation.MaskedServerFrame, "The server sent a masked frame (RFC 6455 §5.1).");
        }

        // RFC 6455 §5.2: "MUST be 0 unless an extension is negotiated that defines meanings for non-zero values".
        if (header.Rsv2 || header.Rsv3)
        {
            Throw(WebSocketViolation.ReservedBitSet, "RSV2 or RSV3 is set and no extension defines it (RFC 6455 §5.2).");
        }

        // RFC 6455 §5.2: "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_."
        if (!WebSocketOpcodes.IsDefined(header.Opcode))
        {
            Throw(WebSocketViolation.ReservedOpcode, $"The frame has the reserved opcode 0x{(byte)header.Opcode:X} (RFC 6455 §5.2).");
        }

        if (header.Rsv1)
        {
            // RFC 7692 §6: permessage-deflate sets RSV1 on the first frame of a compressed data message only; §6.1:
            // "An endpoint MUST NOT set the "Per-Message Compressed" bit of control frames and non-first fragments".
            if (!perMessageDeflate)
            {
                Throw(WebSocketViolation.ReservedBitSet, "RSV1 is set and no extension defines it (RFC 6455 §5.2).");
            }

            if (header.IsControl || header.Opcode == WebSocketOpcode.Continuation)
            {
                Throw(WebSocketViolation.ReservedBitSet,
                    "RSV1 is set on a control frame or a continuation frame (RFC 7692 §6.1).");
            }
        }

        if (header.IsControl)
        {
            // RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be
            // fragmented."
            if (header.PayloadLength > WebSocketFrameHeader.MaxControlPayloadLength)
            {
                Throw(WebSocketViolation.ControlFrameTooLong, "A control frame has a payload longer than 125 bytes (RFC 6455 §5.5).");
            }

            if (!header.Fin)
            {
                Throw(WebSocketViolation.FragmentedControlFrame, "A control frame has FIN clear (RFC 6455 §5.5).");
            }
        }

        if (header.PayloadLength > limits.MaxFramePayloadLength)
        {
            Throw(WebSocketViolation.FrameTooLarge,
                $"The frame payload is longer than the limit {nameof(WebSocketLimits.MaxFramePayloadLength)} = {limits.MaxFramePayloadLength} bytes.");
        }
    }

    private static void Throw(WebSocketViolation violation, string message) => throw new WebSocketProtocolException(violation, message);
}
