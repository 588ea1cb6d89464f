using System;
using System.Buffers;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Decompresses the messages one connection receives with RSV1 set (RFC 7692 §7.2.2): appends 00 00 FF FF to the
/// message's payload and inflates it, keeping the LZ77 window across messages unless the server agreed to
/// <c>server_no_context_takeover</c>.
/// </summary>
/// <remarks>
/// Errors, and the close code a client sends for each: a message that inflates beyond <c>maxMessageBytes</c> raises
/// <see cref="ProtocolLimitExceededException"/> with <c>LimitName</c> <c>MaxMessageBytes</c> as soon as the limit is
/// passed (close 1009, message too big); data that is not valid DEFLATE raises <see cref="ProtocolException"/> with
/// <see cref="ProtocolError.InvalidCompressedData"/> (close 1002, protocol error: RFC 7692 only says to fail the
/// connection). After either error the connection is failed and the decompressor must not be used again.
/// Output is written to the caller's <see cref="IBufferWriter{T}"/> at most 64 KiB at a time. One message at a
/// time: not thread-safe.
/// </remarks>
public sealed class PerMessageDeflateDecompressor : IDisposable
{
    private const string LimitName = "MaxMessageBytes";

    private static ReadOnlySpan<byte> Tail => [0x00, 0x00, 0xFF, 0xFF];

    private readonly DeflateDecoder _decoder = new();
    private readonly bool _resetEachMessage;
    private readonly long _maxMessageBytes;
    private readonly long _maxCompressedBytes;
    private byte[]? _pending;
    private int _pendingLength;

    /// <summary>Creates the decompressor of one connection.</summary>
    /// <param name="parameters">The parameters agreed in the handshake.</param>
    /// <param name="maxMessageBytes">The largest message, after decompression, the connection accepts.</param>
    public PerMessageDeflateDecompressor(PerMessageDeflateParameters parameters, long maxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageBytes);
        _resetEachMessage = parameters.ServerNoContextTakeover;
        _maxMessageBytes = maxMessageBytes;

        // Stored blocks make incompressible data only a few bytes per 64 KiB larger; more than that is hostile.
        _maxCompressedBytes = Math.Min(Array.MaxLength, maxMessageBytes + (maxMessageBytes / 1024) + 1024);
    }

    /// <summary>Decompresses a whole message received with RSV1 set.</summary>
    /// <param name="payload">The message's payload: the frames' payloads concatenated, unmasked.</param>
    /// <param name="output">Receives the decompressed message.</param>
    /// <returns>The decompressed length.</returns>
    /// <exception cref="ProtocolLimitExceededException">The message inflates beyond the limit (close 1009).</exception>
    /// <exception cref="ProtocolException">The payload is not valid DEFLATE data (close 1002).</exception>
    public long Decompress(ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_pendingLength != 0)
        {
            throw new InvalidOperationException("A fragmented message is in progress; finish it with Decompress(data, endOfMessage: true, output).");
        }

        return Inflate(payload, output);
    }

    /// <summary>
    /// Takes the next fragment of a compressed message. Fragments are kept (in pooled memory) until the last one,
    /// then the message is inflated into <paramref name="output"/> in one go.
    /// </summary>
    /// <param name="fragment">The fragment's payload.</param>
    /// <param name="endOfMessage">Whether this is the message's last fragment.</param>
    /// <param name="output">Receives the decompressed message when <paramref name="endOfMessage"/> is true.</param>
    /// <returns>The decompressed length when the message ended, else 0.</returns>
    /// <exception cref="ProtocolLimitExceededException">The message, compressed or not, exceeds the limit (close 1009).</exception>
    /// <exception cref="ProtocolException">The payload is not valid DEFLATE data (close 1002).</exception>
    public long Decompress(ReadOnlySpan<byte> fragment, bool endOfMessage, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (endOfMessage && _pendingLength == 0)
        {
            return Inflate(fragment, output);
        }

        Append(fragment);
        if (!endOfMessage)
        {
            return 0;
        }

        try
        {
            return Inflate(_pending.AsSpan(0, _pendingLength), output);
        }
        finally
        {
            _pendingLength = 0;
        }
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        _decoder.Dispose();
        if (_pending is not null)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = null;
        }
    }

    private long Inflate(ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        if (_resetEachMessage)
        {
            // RFC 7692 §7.1.1.1: with server_no_context_takeover every message stands alone.
            _decoder.Reset();
        }

        // RFC 7692 §7.2.2: append 00 00 FF FF to the payload, then decompress.
        return _decoder.Inflate(payload, Tail, output, _maxMessageBytes, LimitName);
    }

    private void Append(ReadOnlySpan<byte> fragment)
    {
        long needed = (long)_pendingLength + fragment.Length;
        if (needed > _maxCompressedBytes)
        {
            _pendingLength = 0;
            throw new ProtocolLimitExceededException(LimitName, _maxMessageBytes, "The compressed message");
        }

        if (_pending is null || needed > _pending.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * (_pending?.Length ?? 2048))));
            if (_pending is not null)
            {
                _pending.AsSpan(0, _pendingLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_pending);
            }

            _pending = larger;
        }

        fragment.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength = (int)needed;
    }
}
