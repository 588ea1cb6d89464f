using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Internal;

/// <summary>Frames out: every frame masked with a fresh key (RFC 6455 §5.3), header and payload in one write when they fit.</summary>
internal sealed partial class WebSocketConnection
{
    private const int InitialSendBufferSize = 16 * 1024;

    // Large enough for a 64 KiB message and its header in one write; larger payloads go out in pieces of this size.
    private const int MaxSendBufferSize = (64 * 1024) + WebSocketFrameHeader.MaxLength;

    // RFC 6455 §5.3 wants keys from a strong source of entropy; drawing them 64 at a time keeps the cost per frame low.
    private readonly byte[] _maskingKeys = new byte[256];
    private int _maskingKeyOffset = 256;
    private byte[] _send = ArrayPool<byte>.Shared.Rent(InitialSendBufferSize);
    private int _closeSent;

    /// <summary>Sends one data frame (text, binary or continuation) or a Ping/Pong.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendFrameAsync(
        WebSocketOpcode opcode, bool fin, ReadOnlyMemory<byte> payload, bool compressed, bool async, CancellationToken cancellationToken)
    {
        ThrowIfCannotSend();
        await AcquireWriteLockAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            // Checked again under the lock: a Close frame may have gone out while this sender waited.
            ThrowIfCannotSend();
            await WriteFrameLockedAsync(opcode, fin, payload, compressed, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends the client's Close frame once (RFC 6455 §5.5.1): true when this call sent it, false when one was already
    /// sent. A null code sends an empty payload (the answer to a Close frame that carried none).
    /// </summary>
    private async ValueTask<bool> SendCloseFrameAsync(int? code, string? reason, bool async, CancellationToken cancellationToken)
    {
        await AcquireWriteLockAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _closeSent, 1) != 0 || State == WebSocketState.Closed)
            {
                return false;
            }

            int length = code is int status
                ? WebSocketFrameEncoder.WriteCloseFrame(_send, status, reason, NextMaskingKey())
                : WebSocketFrameEncoder.WriteFrame(_send, WebSocketOpcode.Close, fin: true, ReadOnlySpan<byte>.Empty, NextMaskingKey());
            await WriteRawAsync(_send.AsMemory(0, length), async, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteFrameLockedAsync(
        WebSocketOpcode opcode, bool fin, ReadOnlyMemory<byte> payload, bool compressed, bool async, CancellationToken cancellationToken)
    {
        uint key = NextMaskingKey();
        int headerLength = WebSocketFrameHeader.GetEncodedLength(payload.Length, masked: true);
        EnsureSendBuffer(headerLength + (long)payload.Length);
        int written = WebSocketFrameEncoder.WriteHeader(_send, opcode, fin, payload.Length, key, compressed);

        // The payload is copied before masking: the caller's memory is never modified.
        int first = Math.Min(payload.Length, _send.Length - written);
        Span<byte> firstPiece = _send.AsSpan(written, first);
        payload.Span[..first].CopyTo(firstPiece);
        WebSocketMasking.Apply(firstPiece, key);
        await WriteRawAsync(_send.AsMemory(0, written + first), async, cancellationToken).ConfigureAwait(false);

        for (int offset = first; offset < payload.Length;)
        {
            int length = Math.Min(_send.Length, payload.Length - offset);
            Span<byte> piece = _send.AsSpan(0, length);
            payload.Span.Slice(offset, length).CopyTo(piece);
            WebSocketMasking.Apply(piece, key, offset);
            await WriteRawAsync(_send.AsMemory(0, length), async, cancellationToken).ConfigureAwait(false);
            offset += length;
        }
    }

    private void EnsureSendBuffer(long frameLength)
    {
        if (frameLength <= _send.Length || _send.Length >= MaxSendBufferSize)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(frameLength, MaxSendBufferSize));
        ReturnToPool(ref _send);
        _send = larger;
    }

    /// <summary>The next masking key; called under the write lock.</summary>
    private uint NextMaskingKey()
    {
        if (_maskingKeyOffset == _maskingKeys.Length)
        {
            RandomNumberGenerator.Fill(_maskingKeys);
            _maskingKeyOffset = 0;
        }

        uint key = BinaryPrimitives.ReadUInt32BigEndian(_maskingKeys.AsSpan(_maskingKeyOffset));
        _maskingKeyOffset += 4;
        return key;
    }

    private void ThrowIfCannotSend()
    {
        if (State == WebSocketState.Closed)
        {
            throw ClosedException("The WebSocket connection is closed; nothing was sent.");
        }

        // RFC 6455 §5.5.1: after sending a Close frame, the endpoint MUST NOT send any more data frames.
        if (Volatile.Read(ref _closeSent) != 0)
        {
            throw ClosedException("The client already sent its Close frame; no more messages may be sent (RFC 6455 §5.5.1).");
        }
    }
}
