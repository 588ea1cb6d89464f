using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// permessage-deflate (RFC 7692), when the handshake agreed it. Out: a whole message is compressed when it reaches the
/// options' threshold, a streamed message always; the first frame carries RSV1 (§6.1). In: the frames of a compressed
/// message are collected by the decompressor, inflated at the end of the message (§7.2.2) within
/// <see cref="WebSocketLimits.MaxMessageLength"/>, and a text message's inflated bytes are checked as UTF-8 (RFC 6455
/// §8.1). Failures fail the connection: 1009 for the limit, 1002 for invalid DEFLATE data, 1007 for invalid UTF-8.
/// </summary>
internal sealed partial class WebSocketConnection
{
    private readonly PerMessageDeflateCompressor? _compressor;
    private readonly PerMessageDeflateDecompressor? _decompressor;
    private readonly Utf8Validator _inflatedUtf8 = new();
    private PooledBufferWriter? _deflated;  // the sender's
    private PooledBufferWriter? _inflated;  // the receiver's

    /// <summary>Whether permessage-deflate is in force on this connection.</summary>
    public bool IsCompressing => _compressor is not null;

    /// <summary>Whether the message whose MessageStart was reported last is compressed (RSV1 on its first frame).</summary>
    public bool IsMessageCompressed => _decoder.IsMessageCompressed;

    /// <summary>Sends a whole message, compressed when that was agreed and the message reaches the threshold.</summary>
    public ValueTask SendMessageAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, bool async, CancellationToken cancellationToken)
    {
        if (_compressor is null || !_compressor.ShouldCompress(payload.Length))
        {
            return SendFrameAsync(opcode, fin: true, payload, compressed: false, async, cancellationToken);
        }

        PooledBufferWriter deflated = _deflated ??= new PooledBufferWriter(4096);
        deflated.Reset();
        _compressor.Compress(payload.Span, deflated);
        return SendFrameAsync(opcode, fin: true, deflated.WrittenMemory, compressed: true, async, cancellationToken);
    }

    /// <summary>Sends one fragment of a streamed message: compressed when that was agreed, RSV1 on the first.</summary>
    public ValueTask SendFragmentAsync(WebSocketOpcode opcode, bool first, bool fin, ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken)
    {
        if (_compressor is null)
        {
            return SendFrameAsync(opcode, fin, data, compressed: false, async, cancellationToken);
        }

        PooledBufferWriter deflated = _deflated ??= new PooledBufferWriter(4096);
        deflated.Reset();
        _compressor.Compress(data.Span, fin, deflated);
        return SendFrameAsync(opcode, fin, deflated.WrittenMemory, compressed: first, async, cancellationToken);
    }

    /// <summary>Reads the rest of a compressed message (after its MessageStart) and writes it inflated to <paramref name="destination"/>.</summary>
    public async ValueTask ReceiveCompressedRestAsync(IBufferWriter<byte> destination, bool async, CancellationToken cancellationToken)
    {
        PooledBufferWriter inflated = _inflated ??= new PooledBufferWriter(4096);
        inflated.Reset();
        bool text = _decoder.MessageOpcode == WebSocketOpcode.Text;
        while (true)
        {
            DataEvent next = await NextDataEventAsync(async, cancellationToken).ConfigureAwait(false);
            bool end = next == DataEvent.EndOfMessage;
            ReadOnlySpan<byte> piece = end ? ReadOnlySpan<byte>.Empty : _receive.AsSpan(_pendingOffset, _pendingLength);
            try
            {
                _decompressor!.Decompress(piece, end, inflated);
                if (end && text && !(_inflatedUtf8.Append(inflated.WrittenMemory.Span) && _inflatedUtf8.Complete()))
                {
                    throw new WebSocketProtocolException(WebSocketViolation.InvalidUtf8, "The inflated text message is not valid UTF-8 (RFC 6455 §8.1).");
                }
            }
            catch (ProtocolException error)
            {
                _inflatedUtf8.Reset();
                await FailAsync(CloseCodeOf(error), error, async).ConfigureAwait(false);
                throw;
            }

            DiscardPayload();
            if (end)
            {
                destination.Write(inflated.WrittenMemory.Span);
                return;
            }
        }
    }

    /// <summary>RFC 6455 §7.4.1 / RFC 7692 §8: the close code for a failure found while inflating.</summary>
    private static int CloseCodeOf(ProtocolException error) => error switch
    {
        WebSocketProtocolException violation => violation.CloseCode,
        ProtocolLimitExceededException => WebSocketCloseStatus.MessageTooBig,
        _ => WebSocketCloseStatus.ProtocolError,
    };
}
