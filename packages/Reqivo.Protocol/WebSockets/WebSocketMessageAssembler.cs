using System;

namespace Reqivo.Protocol.WebSockets;

// Theory of operation
// ---------------------
// RFC 6455 §5.4: a message is one frame with FIN set, or a first frame with FIN clear and an opcode (text or binary),
// then zero or more continuation frames with FIN clear, then a continuation frame with FIN set. Control frames may be
// injected between them and never reach this class. The states:
//
//   NoMessage --text/binary, FIN--------------> NoMessage       (one-frame message)
//   NoMessage --text/binary, no FIN-----------> InMessage
//   InMessage --continuation, no FIN----------> InMessage
//   InMessage --continuation, FIN-------------> NoMessage       (message complete)
//   NoMessage --continuation------------------> failure 1002    (nothing to continue)
//   InMessage --text/binary-------------------> failure 1002    (the previous message is unfinished)
//
// The assembler also counts the message's payload against MaxMessageLength and runs the UTF-8 validator over an
// uncompressed text message, across its frames. A compressed message (RSV1 on its first frame) is validated after
// decompression by whoever decompresses it.

/// <summary>Tracks the data message in progress across its frames (RFC 6455 §5.4) for <see cref="WebSocketFrameDecoder"/>.</summary>
internal sealed class WebSocketMessageAssembler
{
    private readonly Utf8Validator _utf8 = new();
    private readonly long _maxMessageLength;
    private bool _frameIsFinal;
    private bool _validateUtf8;

    public WebSocketMessageAssembler(long maxMessageLength)
    {
        _maxMessageLength = maxMessageLength;
    }

    /// <summary>Whether a message has started and its final frame has not yet begun.</summary>
    public bool IsInMessage { get; private set; }

    /// <summary>Text or Binary for the message in progress or the one that just ended; Continuation before the first.</summary>
    public WebSocketOpcode MessageOpcode { get; private set; }

    /// <summary>Whether the message in progress or just ended is compressed (RSV1 on its first frame).</summary>
    public bool IsCompressed { get; private set; }

    /// <summary>The payload bytes the frames of the current message have announced so far.</summary>
    public long MessageLength { get; private set; }

    /// <summary>Accepts the header of a data frame, or fails on a fragmentation or size rule.</summary>
    public void BeginFrame(in WebSocketFrameHeader header)
    {
        if (header.Opcode == WebSocketOpcode.Continuation)
        {
            // RFC 6455 §5.4: continuation frames only follow a first frame with FIN clear.
            if (!IsInMessage)
            {
                throw new WebSocketProtocolException(WebSocketViolation.UnexpectedContinuation,
                    "A continuation frame arrived while no fragmented message was in progress (RFC 6455 §5.4).");
            }
        }
        else
        {
            // RFC 6455 §5.4: "the fragments of one message MUST NOT be interleaved between the fragments of another
            // message".
            if (IsInMessage)
            {
                throw new WebSocketProtocolException(WebSocketViolation.UnfinishedMessage,
                    "A new data frame arrived before the fragmented message in progress ended (RFC 6455 §5.4).");
            }

            MessageOpcode = header.Opcode;
            IsCompressed = header.Rsv1;
            MessageLength = 0;
            _validateUtf8 = header.Opcode == WebSocketOpcode.Text && !header.Rsv1;
            _utf8.Reset();
        }

        if (header.PayloadLength > _maxMessageLength - MessageLength)
        {
            throw new WebSocketProtocolException(WebSocketViolation.MessageTooLarge,
                $"The message is longer than the limit {nameof(WebSocketLimits.MaxMessageLength)} = {_maxMessageLength} bytes.");
        }

        MessageLength += header.PayloadLength;
        IsInMessage = !header.Fin;
        _frameIsFinal = header.Fin;
    }

    /// <summary>Checks payload bytes of the current frame: UTF-8 for an uncompressed text message.</summary>
    public void OnPayload(ReadOnlySpan<byte> payload)
    {
        // RFC 6455 §8.1: an endpoint that finds invalid UTF-8 in a text message MUST _Fail the WebSocket Connection_;
        // checking each piece as it arrives fails on the first impossible byte, also across frames.
        if (_validateUtf8 && !_utf8.Append(payload))
        {
            ThrowInvalidUtf8();
        }
    }

    /// <summary>Ends the current frame; returns whether it ended the message.</summary>
    public bool EndFrame()
    {
        if (!_frameIsFinal)
        {
            return false;
        }

        // A text message must not end inside a multi-byte sequence.
        if (_validateUtf8 && !_utf8.Complete())
        {
            ThrowInvalidUtf8();
        }

        return true;
    }

    private static void ThrowInvalidUtf8() =>
        throw new WebSocketProtocolException(WebSocketViolation.InvalidUtf8,
            "The text message is not valid UTF-8 (RFC 6455 §8.1).");
}
