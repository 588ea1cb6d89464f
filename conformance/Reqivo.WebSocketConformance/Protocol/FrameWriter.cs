namespace Reqivo.WebSocketConformance.Protocol;

/// <summary>
/// Builds server-to-client frames byte by byte, including deliberately broken ones (reserved bits, reserved opcodes,
/// fragmented or oversized control frames): the fuzzer must be able to say anything on the wire.
/// </summary>
internal static class FrameWriter
{
    public const int OpContinuation = 0;
    public const int OpText = 1;
    public const int OpBinary = 2;
    public const int OpClose = 8;
    public const int OpPing = 9;
    public const int OpPong = 10;

    /// <summary>
    /// One frame. When <paramref name="repeatToLength"/> is set, the payload is the given bytes repeated up to that
    /// length (Autobahn's payload_len), which is how the large cases are generated.
    /// </summary>
    public static byte[] Build(int opcode, ReadOnlySpan<byte> payload, bool fin = true, int rsv = 0, long? repeatToLength = null)
    {
        long length = repeatToLength ?? payload.Length;
        int headerLength = 2 + (length <= 125 ? 0 : length <= ushort.MaxValue ? 2 : 8);
        var frame = new byte[checked(headerLength + (int)length)];
        // RFC 6455 §5.2: FIN, RSV1-3, opcode; servers never mask.
        frame[0] = (byte)((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0F));
        if (length <= 125)
        {
            frame[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            frame[1] = 126;
            frame[2] = (byte)(length >> 8);
            frame[3] = (byte)length;
        }
        else
        {
            frame[1] = 127;
            for (int i = 0; i < 8; i++)
            {
                frame[2 + i] = (byte)(length >> (8 * (7 - i)));
            }
        }

        Span<byte> body = frame.AsSpan(headerLength);
        if (repeatToLength is null)
        {
            payload.CopyTo(body);
        }
        else if (payload.Length > 0)
        {
            for (int offset = 0; offset < body.Length; offset += payload.Length)
            {
                payload[..Math.Min(payload.Length, body.Length - offset)].CopyTo(body[offset..]);
            }
        }

        return frame;
    }

    /// <summary>The payload of a close frame: optional code, optional raw reason bytes.</summary>
    public static byte[] ClosePayload(int? code, ReadOnlySpan<byte> reason)
    {
        if (code is null)
        {
            return reason.ToArray();
        }

        var payload = new byte[2 + reason.Length];
        payload[0] = (byte)(code.Value >> 8);
        payload[1] = (byte)code.Value;
        reason.CopyTo(payload.AsSpan(2));
        return payload;
    }

    /// <summary>Payload bytes repeated up to a length (Autobahn's payload_len applied to a message).</summary>
    public static byte[] Repeat(ReadOnlySpan<byte> pattern, int length)
    {
        var result = new byte[length];
        for (int offset = 0; offset < length && pattern.Length > 0; offset += pattern.Length)
        {
            pattern[..Math.Min(pattern.Length, length - offset)].CopyTo(result.AsSpan(offset));
        }

        return result;
    }
}
