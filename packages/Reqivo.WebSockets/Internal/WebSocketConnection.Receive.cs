using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// Frames in. <see cref="NextDataEventAsync"/> reports data events to the caller and handles control frames in
/// place: a Ping is answered with a Pong (RFC 6455 §5.5.2), a Pong feeds keep-alive, a Close runs the close handshake
/// and ends the receive with <see cref="WebSocketClosedException"/>.
/// </summary>
internal sealed partial class WebSocketConnection
{
    private readonly byte[] _control = new byte[WebSocketFrameHeader.MaxControlPayloadLength];
    private int _readerBusy;

    // The payload slice of the last Payload event not yet taken by the caller: bytes of _receive before _start.
    private int _pendingOffset;
    private int _pendingLength;

    /// <summary>The type of the message whose MessageStart was reported last.</summary>
    public WebSocketMessageType CurrentMessageType =>
        _decoder.MessageOpcode == WebSocketOpcode.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;

    /// <summary>Payload bytes of the current message reported but not yet taken.</summary>
    public int PendingPayloadLength => _pendingLength;

    /// <summary>Marks a reader as active, so a concurrent Close waits for it to see the server's Close frame.</summary>
    public bool TryBeginRead() => Interlocked.CompareExchange(ref _readerBusy, 1, 0) == 0;

    public void EndRead() => Volatile.Write(ref _readerBusy, 0);

    /// <summary>Copies up to <paramref name="destination"/>'s length of the pending payload; returns the count.</summary>
    public int TakePayload(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _pendingLength);
        _receive.AsSpan(_pendingOffset, count).CopyTo(destination);
        _pendingOffset += count;
        _pendingLength -= count;
        return count;
    }

    /// <summary>Moves the whole pending payload to <paramref name="destination"/>.</summary>
    public void TakePayload(IBufferWriter<byte> destination)
    {
        destination.Write(_receive.AsSpan(_pendingOffset, _pendingLength));
        _pendingOffset += _pendingLength;
        _pendingLength = 0;
    }

    /// <summary>Drops the pending payload (a message being skipped).</summary>
    public void DiscardPayload()
    {
        _pendingOffset += _pendingLength;
        _pendingLength = 0;
    }

    /// <summary>Receives a whole message into <paramref name="destination"/> and returns its type.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WebSocketMessageType> ReceiveMessageAsync(IBufferWriter<byte> destination, bool async, CancellationToken cancellationToken)
    {
        DataEvent first = await NextDataEventAsync(async, cancellationToken).ConfigureAwait(false);
        if (first != DataEvent.MessageStart)
        {
            throw new InvalidOperationException("A message was received while the previous one was only partly read.");
        }

        WebSocketMessageType type = CurrentMessageType;
        if (IsMessageCompressed)
        {
            await ReceiveCompressedRestAsync(destination, async, cancellationToken).ConfigureAwait(false);
            return type;
        }

        while (true)
        {
            switch (await NextDataEventAsync(async, cancellationToken).ConfigureAwait(false))
            {
                case DataEvent.Payload:
                    TakePayload(destination);
                    continue;
                case DataEvent.EndOfMessage:
                    return type;
                default:
                    throw new InvalidOperationException("The frame decoder started a message inside another.");
            }
        }
    }

    /// <summary>
    /// The next data event. <see cref="DataEvent.Payload"/> leaves its bytes pending (take them with
    /// <see cref="TakePayload(Span{byte})"/> before the next call). Throws <see cref="WebSocketClosedException"/> when
    /// the connection closes, and <see cref="WebSocketProtocolException"/> after failing it for a violation.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<DataEvent> NextDataEventAsync(bool async, CancellationToken cancellationToken)
    {
        if (_pendingLength > 0)
        {
            throw new InvalidOperationException("The previous payload was not taken.");
        }

        while (true)
        {
            if (State == WebSocketState.Closed)
            {
                throw ClosedException("The WebSocket connection is closed.");
            }

            WebSocketFrameEventKind kind;
            int controlLength = 0;
            try
            {
                kind = DecodeBuffered(ref controlLength);
            }
            catch (WebSocketProtocolException violation)
            {
                await FailAsync(violation, async).ConfigureAwait(false);
                throw;
            }

            switch (kind)
            {
                case WebSocketFrameEventKind.NeedMoreData:
                    if (!await FillAsync(async, cancellationToken).ConfigureAwait(false))
                    {
                        // RFC 6455 §7.1.5: closed without a Close frame, the close code is 1006.
                        Terminate(WebSocketCloseStatus.AbnormalClosure, string.Empty, error: null);
                        throw ClosedException($"The server closed the connection to {_transport.Endpoint} without a Close frame.");
                    }

                    continue;
                case WebSocketFrameEventKind.DataFrameStart:
                    if (_decoder.Header.Opcode != WebSocketOpcode.Continuation)
                    {
                        return DataEvent.MessageStart;
                    }

                    continue;
                case WebSocketFrameEventKind.PayloadData:
                    return DataEvent.Payload;
                case WebSocketFrameEventKind.EndOfMessage:
                    return DataEvent.EndOfMessage;
                case WebSocketFrameEventKind.ControlFrame:
                    await OnControlFrameAsync(_decoder.Header.Opcode, controlLength, async, cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    // EndOfFrame: the message continues in the next frame.
                    continue;
            }
        }
    }

    private WebSocketFrameEventKind DecodeBuffered(ref int controlLength)
    {
        ReadOnlySpan<byte> input = _receive.AsSpan(_start, _end - _start);
        WebSocketFrameEventKind kind = _decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> payload);
        if (kind == WebSocketFrameEventKind.PayloadData)
        {
            input.Overlaps(payload, out int offset);
            _pendingOffset = _start + offset;
            _pendingLength = payload.Length;
        }
        else if (kind == WebSocketFrameEventKind.ControlFrame)
        {
            // Copied out: answering it may await, and the receive buffer is reused meanwhile.
            payload.CopyTo(_control);
            controlLength = payload.Length;
        }

        _start += consumed;
        return kind;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask OnControlFrameAsync(WebSocketOpcode opcode, int length, bool async, CancellationToken cancellationToken)
    {
        switch (opcode)
        {
            case WebSocketOpcode.Ping:
                // RFC 6455 §5.5.2: answer with a Pong carrying the same data, unless a Close frame was already sent.
                if (Volatile.Read(ref _closeSent) == 0)
                {
                    try
                    {
                        // _control is not overwritten before this send completes: decoding waits for it.
                        await SendFrameAsync(WebSocketOpcode.Pong, fin: true, _control.AsMemory(0, length), compressed: false, async, cancellationToken).ConfigureAwait(false);
                    }
                    catch (WebSocketClosedException) when (Volatile.Read(ref _closeSent) != 0)
                    {
                        // A Close frame went out first: the Pong is no longer owed.
                    }
                }

                break;
            case WebSocketOpcode.Pong:
                OnPong(_control.AsMemory(0, length));
                break;
            case WebSocketOpcode.Close:
                await OnCloseFrameAsync(_control.AsSpan(0, length).ToArray(), async).ConfigureAwait(false);
                throw ClosedException("The server closed the WebSocket connection.");
        }
    }

    /// <summary>What <see cref="NextDataEventAsync"/> reports.</summary>
    internal enum DataEvent
    {
        /// <summary>The first frame of a message began; its type is <see cref="CurrentMessageType"/>.</summary>
        MessageStart,

        /// <summary>Payload bytes are pending.</summary>
        Payload,

        /// <summary>The message ended.</summary>
        EndOfMessage,
    }
}
