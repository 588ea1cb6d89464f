using System;

namespace Reqivo.Protocol.WebSockets;

// Theory of operation
// ---------------------
// The client owns the buffer: it reads from the connection into it, calls Decode with every byte not yet consumed,
// drops the bytes Decode reports as consumed, and calls again. Each call reports one event.
//
//   FrameStart --header incomplete-------------------------> NeedMoreData (nothing consumed)
//   FrameStart --control frame, header + payload present---> ControlFrame (both consumed) -> FrameStart
//   FrameStart --control frame, payload incomplete---------> NeedMoreData (nothing consumed: at most 14 + 125 bytes)
//   FrameStart --data frame header-------------------------> DataFrameStart (header consumed) -> Payload or FrameEnd
//   Payload    --bytes-------------------------------------> PayloadData (a slice, up to the frame's end) -> Payload or FrameEnd
//   FrameEnd   --(consumes nothing)------------------------> EndOfFrame or EndOfMessage -> FrameStart
//   any        --a rule broken-----------------------------> Failed (WebSocketProtocolException; later calls throw)
//
// Every header is validated when it is complete, before any of its payload is consumed, so a limit is enforced
// without reading what exceeds it. WebSocketMessageAssembler carries the fragmentation rules and the UTF-8 state of
// the message in progress; control frames bypass it, which is what lets them interleave with a fragmented message.

/// <summary>
/// An incremental, sans-I/O decoder of the frames a WebSocket server sends to a client (RFC 6455 §5): fed bytes in
/// any split, it reports one event per call and enforces the framing, fragmentation, UTF-8, close status and size
/// rules, throwing <see cref="WebSocketProtocolException"/> with the close code to send when the server breaks one.
/// </summary>
/// <remarks>
/// <para>Rules enforced: server frames are not masked (§5.1); RSV1–3 are clear unless an extension gives them a meaning
/// (§5.2) — with <see cref="PerMessageDeflate"/>, RSV1 may be set on the first frame of a data message only (RFC 7692
/// §6.1); reserved opcodes are refused (§5.2); control frames carry at most 125 bytes and are not fragmented (§5.5);
/// continuation frames continue a message and a new message waits for the previous one to end (§5.4); Close payloads
/// are empty or a valid code and UTF-8 reason (§5.5.1, §7.4); uncompressed text messages are UTF-8, checked as they
/// arrive (§8.1); frame and message lengths stay within <see cref="Limits"/>.</para>
/// <para>A compressed message's UTF-8 is not checked here, since its payload on the wire is DEFLATE data: validate
/// the decompressed bytes with a <see cref="Utf8Validator"/>. A payload length written in a longer form than needed
/// is accepted (see <see cref="WebSocketFrameHeader.TryRead"/>).</para>
/// <para>An instance serves one connection and is not thread-safe.</para>
/// </remarks>
public sealed class WebSocketFrameDecoder
{
    private readonly WebSocketMessageAssembler _message;
    private Phase _phase = Phase.FrameStart;
    private long _remaining;

    /// <summary>Creates a decoder for the frames of one connection.</summary>
    /// <param name="limits">The limits to enforce; <see cref="WebSocketLimits.Default"/> when null.</param>
    /// <param name="perMessageDeflate">Whether permessage-deflate (RFC 7692) was negotiated, which gives RSV1 its meaning.</param>
    public WebSocketFrameDecoder(WebSocketLimits? limits = null, bool perMessageDeflate = false)
    {
        Limits = limits ?? WebSocketLimits.Default;
        PerMessageDeflate = perMessageDeflate;
        _message = new WebSocketMessageAssembler(Limits.MaxMessageLength);
    }

    private enum Phase
    {
        FrameStart,
        Payload,
        FrameEnd,
        Failed,
    }

    /// <summary>The limits this decoder enforces.</summary>
    public WebSocketLimits Limits { get; }

    /// <summary>Whether permessage-deflate was negotiated: RSV1 then marks a compressed message.</summary>
    public bool PerMessageDeflate { get; }

    /// <summary>The header of the frame of the last <see cref="WebSocketFrameEventKind.DataFrameStart"/> or <see cref="WebSocketFrameEventKind.ControlFrame"/> event.</summary>
    public WebSocketFrameHeader Header { get; private set; }

    /// <summary>
    /// <see cref="WebSocketOpcode.Text"/> or <see cref="WebSocketOpcode.Binary"/>: the type of the data message in
    /// progress or just ended (continuation frames inherit it); <see cref="WebSocketOpcode.Continuation"/> before the first.
    /// </summary>
    public WebSocketOpcode MessageOpcode => _message.MessageOpcode;

    /// <summary>Whether the data message in progress or just ended is compressed (RSV1 set on its first frame, RFC 7692 §6).</summary>
    public bool IsMessageCompressed => _message.IsCompressed;

    /// <summary>Whether a data message has begun and not ended (its final frame has not been fully decoded).</summary>
    public bool IsMessageInProgress => _message.IsInMessage || _phase is Phase.Payload or Phase.FrameEnd;

    /// <summary>The payload bytes of the current data frame not yet reported.</summary>
    public long RemainingPayloadLength => _remaining;

    /// <summary>Whether the decoder failed; it then refuses further input and the connection must be closed.</summary>
    public bool IsFailed => _phase == Phase.Failed;

    /// <summary>
    /// Decodes as much of <paramref name="input"/> as it takes to produce one event, or nothing when that is not enough.
    /// </summary>
    /// <param name="input">Every byte received and not yet consumed, in order.</param>
    /// <param name="consumed">
    /// How many bytes of <paramref name="input"/> were used (headers included); the caller must pass the rest again,
    /// followed by new bytes. May be zero.
    /// </param>
    /// <param name="payload">
    /// For <see cref="WebSocketFrameEventKind.PayloadData"/> and <see cref="WebSocketFrameEventKind.ControlFrame"/>, the
    /// payload bytes: a slice of <paramref name="input"/>; empty otherwise.
    /// </param>
    /// <returns>The event; <see cref="WebSocketFrameEventKind.NeedMoreData"/> when the input holds none.</returns>
    /// <exception cref="WebSocketProtocolException">The server broke a rule; the decoder has failed.</exception>
    /// <exception cref="InvalidOperationException">The decoder failed earlier.</exception>
    public WebSocketFrameEventKind Decode(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> payload)
    {
        if (_phase == Phase.Failed)
        {
            throw new InvalidOperationException("The decoder failed on a protocol violation; the connection must be closed.");
        }

        try
        {
            return DecodeStep(input, out consumed, out payload);
        }
        catch (WebSocketProtocolException)
        {
            _phase = Phase.Failed;
            throw;
        }
    }

    private WebSocketFrameEventKind DecodeStep(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> payload)
    {
        consumed = 0;
        payload = default;
        switch (_phase)
        {
            case Phase.Payload:
                if (input.IsEmpty)
                {
                    return WebSocketFrameEventKind.NeedMoreData;
                }

                int take = (int)Math.Min(input.Length, _remaining);
                payload = input[..take];
                _message.OnPayload(payload);
                _remaining -= take;
                consumed = take;
                if (_remaining == 0)
                {
                    _phase = Phase.FrameEnd;
                }

                return WebSocketFrameEventKind.PayloadData;

            case Phase.FrameEnd:
                _phase = Phase.FrameStart;
                return _message.EndFrame() ? WebSocketFrameEventKind.EndOfMessage : WebSocketFrameEventKind.EndOfFrame;

            default:
                return DecodeFrameStart(input, out consumed, out payload);
        }
    }

    private WebSocketFrameEventKind DecodeFrameStart(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> payload)
    {
        consumed = 0;
        payload = default;
        if (!WebSocketFrameHeader.TryRead(input, out WebSocketFrameHeader header, out int headerLength))
        {
            return WebSocketFrameEventKind.NeedMoreData;
        }

        WebSocketFrameRules.Validate(header, PerMessageDeflate, Limits);
        if (header.IsControl)
        {
            // A control frame is small (§5.5), so it is reported whole: the caller answers a Ping or a Close from it.
            int frameLength = headerLength + (int)header.PayloadLength;
            if (input.Length < frameLength)
            {
                return WebSocketFrameEventKind.NeedMoreData;
            }

            payload = input[headerLength..frameLength];
            if (header.Opcode == WebSocketOpcode.Close)
            {
                WebSocketCloseStatus.Validate(payload);
            }

            Header = header;
            consumed = frameLength;
            return WebSocketFrameEventKind.ControlFrame;
        }

        _message.BeginFrame(header);
        Header = header;
        _remaining = header.PayloadLength;
        _phase = _remaining > 0 ? Phase.Payload : Phase.FrameEnd;
        consumed = headerLength;
        return WebSocketFrameEventKind.DataFrameStart;
    }
}
