using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Writes the frames a WebSocket client sends (RFC 6455 §5): always masked (§5.1, §5.3), with the shortest length
/// encoding (§5.2), and only frames the protocol allows: defined opcodes, control frames of at most 125 bytes and
/// never fragmented (§5.5), RSV1 only on the first frame of a data message (RFC 7692 §6.1).
/// </summary>
/// <remarks>
/// The masking key must come from a strong source of entropy and be new for every frame (RFC 6455 §5.3): the caller
/// supplies it, for example four bytes from <c>System.Security.Cryptography.RandomNumberGenerator</c> read with
/// <c>BinaryPrimitives.ReadUInt32BigEndian</c>, which keeps this package deterministic and its output testable.
/// Refusals are <see cref="ArgumentException"/>s thrown before anything is written.
/// </remarks>
public static class WebSocketFrameEncoder
{
    /// <summary>The length of a client frame with <paramref name="payloadLength"/> bytes of payload: the masked header plus the payload.</summary>
    /// <param name="payloadLength">The payload length, not negative.</param>
    /// <returns>The frame length in bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadLength"/> is negative or the frame would exceed <see cref="long.MaxValue"/>.</exception>
    public static long GetFrameLength(long payloadLength)
    {
        int headerLength = WebSocketFrameHeader.GetEncodedLength(payloadLength, masked: true);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, long.MaxValue - headerLength);
        return headerLength + payloadLength;
    }

    /// <summary>
    /// Writes the masked header of a client frame whose payload the caller writes after it and masks with
    /// <see cref="WebSocketMasking.Apply(Span{byte}, uint, long)"/> and the same key. Suits payloads too large to copy.
    /// </summary>
    /// <param name="destination">Where to write; at least <see cref="WebSocketFrameHeader.MaxLength"/> bytes always suffice.</param>
    /// <param name="opcode">A defined opcode.</param>
    /// <param name="fin">Whether this is the final frame of its message; must be true for a control frame.</param>
    /// <param name="payloadLength">The payload length; at most 125 for a control frame.</param>
    /// <param name="maskingKey">The masking key, in wire order.</param>
    /// <param name="compressed">Sets RSV1 (permessage-deflate, RFC 7692 §6); only on a text or binary frame.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">The frame would break RFC 6455 or the destination is too small.</exception>
    public static int WriteHeader(Span<byte> destination, WebSocketOpcode opcode, bool fin, long payloadLength, uint maskingKey, bool compressed = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        CheckFrame(opcode, fin, payloadLength, compressed);
        var header = new WebSocketFrameHeader
        {
            Fin = fin,
            Rsv1 = compressed,
            Opcode = opcode,
            IsMasked = true,
            MaskingKey = maskingKey,
            PayloadLength = payloadLength,
        };
        return header.Write(destination);
    }

    /// <summary>Writes a whole client frame: the masked header, then a masked copy of <paramref name="payload"/>.</summary>
    /// <param name="destination">Where to write; at least <see cref="GetFrameLength"/> bytes.</param>
    /// <param name="opcode">A defined opcode.</param>
    /// <param name="fin">Whether this is the final frame of its message; must be true for a control frame.</param>
    /// <param name="payload">The unmasked payload; at most 125 bytes for a control frame. Not modified.</param>
    /// <param name="maskingKey">The masking key, in wire order.</param>
    /// <param name="compressed">Sets RSV1 (permessage-deflate, RFC 7692 §6); only on a text or binary frame.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">The frame would break RFC 6455, or the destination is too small.</exception>
    public static int WriteFrame(Span<byte> destination, WebSocketOpcode opcode, bool fin, ReadOnlySpan<byte> payload, uint maskingKey, bool compressed = false)
    {
        CheckFrame(opcode, fin, payload.Length, compressed);
        if (destination.Length < GetFrameLength(payload.Length))
        {
            throw new ArgumentException("The destination is smaller than the frame.", nameof(destination));
        }

        int headerLength = WriteHeader(destination, opcode, fin, payload.Length, maskingKey, compressed);
        Span<byte> maskedPayload = destination.Slice(headerLength, payload.Length);
        payload.CopyTo(maskedPayload);
        WebSocketMasking.Apply(maskedPayload, maskingKey);
        return headerLength + payload.Length;
    }

    /// <summary>Writes a whole client Close frame with a status code and an optional reason (RFC 6455 §5.5.1).</summary>
    /// <param name="destination">Where to write; 6 + 125 bytes always suffice.</param>
    /// <param name="code">A code for which <see cref="WebSocketCloseStatus.IsValid"/> is true.</param>
    /// <param name="reason">The reason, at most 123 bytes in UTF-8, or null.</param>
    /// <param name="maskingKey">The masking key, in wire order.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">The code may not be sent, the reason is too long or not encodable, or the destination is too small.</exception>
    public static int WriteCloseFrame(Span<byte> destination, int code, string? reason, uint maskingKey)
    {
        Span<byte> payload = stackalloc byte[WebSocketFrameHeader.MaxControlPayloadLength];
        int payloadLength = WebSocketCloseStatus.WritePayload(payload, code, reason);
        return WriteFrame(destination, WebSocketOpcode.Close, fin: true, payload[..payloadLength], maskingKey);
    }

    private static void CheckFrame(WebSocketOpcode opcode, bool fin, long payloadLength, bool compressed)
    {
        if (!WebSocketOpcodes.IsDefined(opcode))
        {
            throw new ArgumentException($"The opcode 0x{(byte)opcode:X} is reserved (RFC 6455 §5.2).", nameof(opcode));
        }

        if (WebSocketOpcodes.IsControl(opcode))
        {
            if (!fin)
            {
                throw new ArgumentException("Control frames must not be fragmented (RFC 6455 §5.5).", nameof(fin));
            }

            if (payloadLength > WebSocketFrameHeader.MaxControlPayloadLength)
            {
                throw new ArgumentException("A control frame carries at most 125 bytes (RFC 6455 §5.5).", nameof(payloadLength));
            }
        }

        if (compressed && (WebSocketOpcodes.IsControl(opcode) || opcode == WebSocketOpcode.Continuation))
        {
            throw new ArgumentException("RSV1 may be set only on the first frame of a data message (RFC 7692 §6.1).", nameof(compressed));
        }
    }
}
