using System;
using System.Buffers.Binary;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The base framing header of one WebSocket frame (RFC 6455 §5.2): FIN, RSV1–3, opcode, mask flag and key, and payload
/// length. <see cref="TryRead"/> decodes one from the start of a buffer and <see cref="Write"/> encodes one.
/// </summary>
/// <remarks>
/// <para>The header is 2 to 14 bytes: 2, plus 2 or 8 for a 16-bit or 64-bit extended payload length, plus 4 for the
/// masking key. <see cref="Write"/> always uses the shortest length encoding, as RFC 6455 §5.2 requires of a sender.
/// <see cref="TryRead"/> accepts a length written in a longer form than needed: the RFC states the minimal encoding
/// as a sender's duty and gives the receiver no rule, the length is unambiguous either way, and the limits still
/// apply to the value.</para>
/// <para><see cref="MaskingKey"/> holds the four key octets in wire order, the first octet in the most significant
/// byte: the key <c>37 fa 21 3d</c> of the RFC 6455 §5.7 examples is <c>0x37fa213d</c>.</para>
/// </remarks>
public readonly record struct WebSocketFrameHeader
{
    /// <summary>The longest header: 2 bytes, a 64-bit extended length and a masking key.</summary>
    public const int MaxLength = 14;

    /// <summary>The largest payload a control frame may carry (RFC 6455 §5.5).</summary>
    public const int MaxControlPayloadLength = 125;

    private const byte FinBit = 0x80;
    private const byte Rsv1Bit = 0x40;
    private const byte Rsv2Bit = 0x20;
    private const byte Rsv3Bit = 0x10;
    private const byte OpcodeBits = 0x0F;
    private const byte MaskBit = 0x80;
    private const byte LengthBits = 0x7F;
    private const byte Extended16 = 126;
    private const byte Extended64 = 127;

    private readonly long _payloadLength;

    /// <summary>Whether this is the final fragment of a message (RFC 6455 §5.2, FIN).</summary>
    public bool Fin { get; init; }

    /// <summary>The RSV1 bit; permessage-deflate uses it to mark a compressed message (RFC 7692 §6).</summary>
    public bool Rsv1 { get; init; }

    /// <summary>The RSV2 bit; no extension Reqivo knows gives it a meaning.</summary>
    public bool Rsv2 { get; init; }

    /// <summary>The RSV3 bit; no extension Reqivo knows gives it a meaning.</summary>
    public bool Rsv3 { get; init; }

    /// <summary>The opcode; a decoded header may carry a reserved value that is not a named member.</summary>
    public WebSocketOpcode Opcode { get; init; }

    /// <summary>Whether the payload is masked; frames from a client always are, frames from a server never (RFC 6455 §5.1).</summary>
    public bool IsMasked { get; init; }

    /// <summary>The masking key in wire order (first octet in the most significant byte); meaningful only when <see cref="IsMasked"/>.</summary>
    public uint MaskingKey { get; init; }

    /// <summary>The payload length in bytes, 0 to 2^63 − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long PayloadLength
    {
        get => _payloadLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _payloadLength = value;
        }
    }

    /// <summary>Whether the opcode is a control opcode (0x8–0xF, RFC 6455 §5.5).</summary>
    public bool IsControl => WebSocketOpcodes.IsControl(Opcode);

    /// <summary>How many bytes <see cref="Write"/> produces for this header: 2 to <see cref="MaxLength"/>.</summary>
    public int EncodedLength => GetEncodedLength(PayloadLength, IsMasked);

    /// <summary>The length of a header with the shortest encoding of <paramref name="payloadLength"/>.</summary>
    /// <param name="payloadLength">The payload length, not negative.</param>
    /// <param name="masked">Whether the header carries a masking key.</param>
    /// <returns>2, 4 or 10 bytes, plus 4 when masked.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadLength"/> is negative.</exception>
    public static int GetEncodedLength(long payloadLength, bool masked)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int length = payloadLength switch
        {
            < Extended16 => 2,
            <= ushort.MaxValue => 4,
            _ => 10,
        };
        return masked ? length + 4 : length;
    }

    /// <summary>
    /// Decodes a header from the start of <paramref name="source"/>. Nothing is consumed until the whole header is
    /// there: with a partial header this returns false, and the caller appends more bytes and calls again.
    /// </summary>
    /// <param name="source">Received bytes, starting at the first byte of a frame.</param>
    /// <param name="header">The header, when this returns true.</param>
    /// <param name="bytesConsumed">The header's length (2–14) when this returns true; 0 otherwise.</param>
    /// <returns>True when the header is complete; false when more bytes are needed.</returns>
    /// <exception cref="WebSocketProtocolException">
    /// A 64-bit payload length has its most significant bit set (RFC 6455 §5.2), <see cref="WebSocketViolation.InvalidPayloadLength"/>.
    /// </exception>
    public static bool TryRead(ReadOnlySpan<byte> source, out WebSocketFrameHeader header, out int bytesConsumed)
    {
        header = default;
        bytesConsumed = 0;
        if (source.Length < 2)
        {
            return false;
        }

        byte first = source[0];
        byte second = source[1];
        bool masked = (second & MaskBit) != 0;
        int lengthCode = second & LengthBits;
        int extendedLength = lengthCode switch
        {
            Extended16 => 2,
            Extended64 => 8,
            _ => 0,
        };
        int total = 2 + extendedLength + (masked ? 4 : 0);
        if (source.Length < total)
        {
            return false;
        }

        long payloadLength = lengthCode;
        if (lengthCode == Extended16)
        {
            payloadLength = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2, 2));
        }
        else if (lengthCode == Extended64)
        {
            ulong length64 = BinaryPrimitives.ReadUInt64BigEndian(source.Slice(2, 8));

            // RFC 6455 §5.2: "the most significant bit MUST be 0".
            if (length64 > long.MaxValue)
            {
                throw new WebSocketProtocolException(WebSocketViolation.InvalidPayloadLength,
                    "A 64-bit payload length has its most significant bit set (RFC 6455 §5.2).");
            }

            payloadLength = (long)length64;
        }

        header = new WebSocketFrameHeader
        {
            Fin = (first & FinBit) != 0,
            Rsv1 = (first & Rsv1Bit) != 0,
            Rsv2 = (first & Rsv2Bit) != 0,
            Rsv3 = (first & Rsv3Bit) != 0,
            Opcode = (WebSocketOpcode)(first & OpcodeBits),
            IsMasked = masked,
            MaskingKey = masked ? BinaryPrimitives.ReadUInt32BigEndian(source.Slice(2 + extendedLength, 4)) : 0,
            PayloadLength = payloadLength,
        };
        bytesConsumed = total;
        return true;
    }

    /// <summary>
    /// Encodes this header into <paramref name="destination"/>, with the shortest payload length encoding
    /// (RFC 6455 §5.2). The payload itself is not written; when <see cref="IsMasked"/>, mask it with
    /// <see cref="WebSocketMasking.Apply(Span{byte}, uint, long)"/> and <see cref="MaskingKey"/>.
    /// </summary>
    /// <param name="destination">Where to write; at least <see cref="EncodedLength"/> bytes.</param>
    /// <returns>The number of bytes written, <see cref="EncodedLength"/>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is too small, or <see cref="Opcode"/> is not a 4-bit value.
    /// </exception>
    public int Write(Span<byte> destination)
    {
        if ((byte)Opcode > OpcodeBits)
        {
            throw new ArgumentException("The opcode is not a 4-bit value.", nameof(destination));
        }

        int length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is smaller than the header.", nameof(destination));
        }

        destination[0] = (byte)((Fin ? FinBit : 0) | (Rsv1 ? Rsv1Bit : 0) | (Rsv2 ? Rsv2Bit : 0) | (Rsv3 ? Rsv3Bit : 0) | (byte)Opcode);
        byte maskFlag = IsMasked ? MaskBit : (byte)0;
        int offset;
        if (PayloadLength < Extended16)
        {
            destination[1] = (byte)(maskFlag | (byte)PayloadLength);
            offset = 2;
        }
        else if (PayloadLength <= ushort.MaxValue)
        {
            destination[1] = (byte)(maskFlag | Extended16);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2, 2), (ushort)PayloadLength);
            offset = 4;
        }
        else
        {
            destination[1] = (byte)(maskFlag | Extended64);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(2, 8), (ulong)PayloadLength);
            offset = 10;
        }

        if (IsMasked)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(offset, 4), MaskingKey);
        }

        return length;
    }
}
