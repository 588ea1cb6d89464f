using System;
using System.Buffers;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Compresses the messages one connection sends with permessage-deflate (RFC 7692 §7.2.1). The output of a message
/// is the payload of a data frame with RSV1 set (of the first frame when the message is fragmented).
/// </summary>
/// <remarks>
/// With context takeover (the default) the LZ77 window carries over from message to message, so repeated content
/// shrinks; with <see cref="PerMessageDeflateParameters.ClientNoContextTakeover"/> every message starts afresh.
/// Matches never reach further back than the agreed <see cref="PerMessageDeflateParameters.ClientMaxWindowBits"/>
/// allows, so every negotiated window size is honoured. Each message ends the way a DEFLATE sync flush does,
/// without the final 00 00 FF FF (RFC 7692 §7.2.1). One message at a time: not thread-safe.
/// About 320 KiB of pooled buffers are rented on the first message and returned by <see cref="Dispose"/>.
/// </remarks>
public sealed class PerMessageDeflateCompressor : IDisposable
{
    private readonly DeflateEncoder _encoder;
    private readonly bool _resetEachMessage;
    private readonly int _threshold;
    private bool _inMessage;

    /// <summary>Creates the compressor of one connection.</summary>
    /// <param name="parameters">The parameters agreed in the handshake.</param>
    /// <param name="options">The client's options (compression level and threshold); null uses the defaults.</param>
    public PerMessageDeflateCompressor(PerMessageDeflateParameters parameters, PerMessageDeflateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new PerMessageDeflateOptions();
        _encoder = new DeflateEncoder(parameters.ClientMaxWindowBits, options.CompressionLevel);
        _resetEachMessage = parameters.ClientNoContextTakeover;
        _threshold = options.CompressionThreshold;
    }

    /// <summary>
    /// Whether a message of <paramref name="messageLength"/> bytes is worth compressing; when false, send it as a
    /// plain frame with RSV1 clear (RFC 7692 §6.1 allows that per message).
    /// </summary>
    /// <param name="messageLength">The message's length in bytes.</param>
    public bool ShouldCompress(long messageLength) => messageLength >= _threshold;

    /// <summary>Compresses a whole message.</summary>
    /// <param name="message">The message payload.</param>
    /// <param name="output">Receives the compressed payload.</param>
    public void Compress(ReadOnlySpan<byte> message, IBufferWriter<byte> output) => Compress(message, endOfMessage: true, output);

    /// <summary>
    /// Compresses the next piece of a message that is sent in fragments. What each call writes may be sent as one
    /// fragment (it may be empty); the call with <paramref name="endOfMessage"/> true completes the message.
    /// </summary>
    /// <param name="data">The next bytes of the message.</param>
    /// <param name="endOfMessage">Whether <paramref name="data"/> is the last piece.</param>
    /// <param name="output">Receives the compressed bytes.</param>
    public void Compress(ReadOnlySpan<byte> data, bool endOfMessage, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_inMessage && _resetEachMessage)
        {
            // RFC 7692 §7.1.1.2: with client_no_context_takeover no message may refer to an earlier one.
            _encoder.Reset();
        }

        _inMessage = true;
        _encoder.Write(data, output);
        if (endOfMessage)
        {
            _encoder.FinishMessage(output);
            _inMessage = false;
        }
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose() => _encoder.Dispose();
}
