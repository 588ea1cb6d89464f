using System;
using System.Buffers.Binary;
using System.Text;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Close frame payloads (RFC 6455 §5.5.1): a 2-byte status code followed by a UTF-8 reason, or nothing. Names the
/// codes of RFC 6455 §7.4.1 and the IANA registry, says which may appear in a Close frame, and writes and reads
/// payloads.
/// </summary>
/// <remarks>
/// A code may appear in a Close frame when it is 1000–1003, 1007–1014 or 3000–4999. 0–999 are not used, 1004 is
/// reserved, 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame" (RFC 6455 §7.4.1), and
/// 1016–2999 are reserved for future revisions and extensions of the protocol (§7.4.2) that no Reqivo version
/// negotiates. 1012–1014 were registered with IANA after the RFC and are accepted, as peers send them.
/// </remarks>
public static class WebSocketCloseStatus
{
    /// <summary>1000: the purpose of the connection was fulfilled.</summary>
    public const int NormalClosure = 1000;

    /// <summary>1001: the endpoint is going away (server shutting down, page navigated away).</summary>
    public const int GoingAway = 1001;

    /// <summary>1002: the endpoint is terminating the connection because of a protocol error.</summary>
    public const int ProtocolError = 1002;

    /// <summary>1003: the endpoint received a type of data it cannot accept.</summary>
    public const int UnsupportedData = 1003;

    /// <summary>1005: reported (never sent) when a Close frame carried no status code (RFC 6455 §7.1.5).</summary>
    public const int NoStatusReceived = 1005;

    /// <summary>1006: reported (never sent) when the connection closed without a Close frame (RFC 6455 §7.1.5).</summary>
    public const int AbnormalClosure = 1006;

    /// <summary>1007: a message's data was not consistent with its type, such as a text message that is not UTF-8.</summary>
    public const int InvalidPayloadData = 1007;

    /// <summary>1008: a message violated the endpoint's policy.</summary>
    public const int PolicyViolation = 1008;

    /// <summary>1009: a message was too big to process.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>1010: the client expected the server to negotiate an extension it did not.</summary>
    public const int MandatoryExtension = 1010;

    /// <summary>1011: the server met an unexpected condition.</summary>
    public const int InternalError = 1011;

    /// <summary>1012 (IANA registry): the service is restarting.</summary>
    public const int ServiceRestart = 1012;

    /// <summary>1013 (IANA registry): try again later.</summary>
    public const int TryAgainLater = 1013;

    /// <summary>1014 (IANA registry): a gateway or proxy received an invalid response from upstream.</summary>
    public const int BadGateway = 1014;

    /// <summary>1015: reported (never sent) when the TLS handshake failed.</summary>
    public const int TlsHandshake = 1015;

    /// <summary>The longest reason in bytes: a control frame payload is at most 125 bytes, two of which hold the code.</summary>
    public const int MaxReasonLength = WebSocketFrameHeader.MaxControlPayloadLength - 2;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="code"/> may be sent or received in a Close frame (see the remarks of the class).</summary>
    /// <param name="code">A status code.</param>
    /// <returns>True for 1000–1003, 1007–1014 and 3000–4999.</returns>
    public static bool IsValid(int code) => code switch
    {
        >= 1000 and <= 1003 => true,
        >= 1007 and <= 1014 => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };

    /// <summary>The length of the payload <see cref="WritePayload"/> produces.</summary>
    /// <param name="reason">The reason, or null for none.</param>
    /// <returns>2 plus the UTF-8 length of the reason.</returns>
    /// <exception cref="ArgumentException">The reason holds unpaired surrogates.</exception>
    public static int GetPayloadLength(string? reason) => 2 + (string.IsNullOrEmpty(reason) ? 0 : StrictUtf8.GetByteCount(reason));

    /// <summary>Writes a Close frame payload: the code in network byte order, then the reason in UTF-8.</summary>
    /// <param name="destination">Where to write; at least <see cref="GetPayloadLength"/> bytes.</param>
    /// <param name="code">A code for which <see cref="IsValid"/> is true.</param>
    /// <param name="reason">The reason, at most <see cref="MaxReasonLength"/> bytes in UTF-8, or null for none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> may not be sent.</exception>
    /// <exception cref="ArgumentException">
    /// The reason is longer than <see cref="MaxReasonLength"/> bytes or holds unpaired surrogates, or the destination is too small.
    /// </exception>
    public static int WritePayload(Span<byte> destination, int code, string? reason = null)
    {
        if (!IsValid(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "The code may not appear in a Close frame (RFC 6455 §7.4).");
        }

        int length = GetPayloadLength(reason);
        if (length - 2 > MaxReasonLength)
        {
            throw new ArgumentException("The reason is longer than 123 bytes in UTF-8 (RFC 6455 §5.5).", nameof(reason));
        }

        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is smaller than the payload.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)code);
        if (length > 2)
        {
            StrictUtf8.GetBytes(reason, destination[2..]);
        }

        return length;
    }

    /// <summary>
    /// Checks a received Close frame payload without allocating: empty, or a code that may be received followed by a
    /// UTF-8 reason (RFC 6455 §5.5.1, §7.4).
    /// </summary>
    /// <param name="payload">The whole payload of a Close frame, unmasked.</param>
    /// <exception cref="WebSocketProtocolException">
    /// The payload is one byte long or its code may not be received (<see cref="WebSocketViolation.InvalidCloseStatus"/>,
    /// close code 1002), or the reason is not UTF-8 (<see cref="WebSocketViolation.InvalidUtf8"/>, close code 1007).
    /// </exception>
    public static void Validate(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return;
        }

        // RFC 6455 §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned integer".
        if (payload.Length == 1)
        {
            throw new WebSocketProtocolException(WebSocketViolation.InvalidCloseStatus,
                "A Close frame payload of one byte cannot hold a status code (RFC 6455 §5.5.1).");
        }

        int code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (!IsValid(code))
        {
            throw new WebSocketProtocolException(WebSocketViolation.InvalidCloseStatus,
                $"The Close frame carries the status code {code}, which may not be sent (RFC 6455 §7.4).");
        }

        // RFC 6455 §5.5.1: the reason "is not guaranteed to be human readable" but is UTF-8; §8.1 fails invalid UTF-8.
        if (!Utf8Validator.IsValid(payload[2..]))
        {
            throw new WebSocketProtocolException(WebSocketViolation.InvalidUtf8,
                "The reason in the Close frame is not valid UTF-8 (RFC 6455 §5.5.1, §8.1).");
        }
    }

    /// <summary>Validates a received Close frame payload (see <see cref="Validate"/>) and reads its code and reason.</summary>
    /// <param name="payload">The whole payload of a Close frame, unmasked.</param>
    /// <param name="code">The status code, or <see cref="NoStatusReceived"/> (1005) when the payload is empty (RFC 6455 §7.1.5).</param>
    /// <param name="reason">The reason; empty when there is none.</param>
    /// <exception cref="WebSocketProtocolException">The payload is invalid, as for <see cref="Validate"/>.</exception>
    public static void ReadPayload(ReadOnlySpan<byte> payload, out int code, out string reason)
    {
        Validate(payload);
        if (payload.IsEmpty)
        {
            code = NoStatusReceived;
            reason = string.Empty;
            return;
        }

        code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        reason = Encoding.UTF8.GetString(payload[2..]);
    }
}
