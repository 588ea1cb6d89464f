using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Http1;

/// <summary>Reading a response body block by block, straight out of the receive buffer.</summary>
internal sealed partial class Http1Connection
{
    private const int LargeBodyBufferSize = 64 * 1024;

    private int _bodyOffset;
    private int _bodyLength;

    /// <summary>The trailer fields of the last response, once its end was read.</summary>
    public HttpHeaders? Trailers => _decoder.Trailers;

    /// <summary>The announced length of the current response's body, when known.</summary>
    public long? Length => _decoder.Head?.ContentLength;

    ValueTask<ReadOnlyMemory<byte>> IBodySource.ReadBlockAsync(bool async, CancellationToken cancellationToken) =>
        ReadBodyBlockAsync(async, cancellationToken);

    /// <summary>
    /// The next block of the body: a slice of the receive buffer valid until the next call, or an empty block at
    /// the end of the message.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadBodyBlockAsync(bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_decoder.State is Http1DecoderState.Done or Http1DecoderState.Upgraded)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            GrowForLargeBody();
            switch (await NextEventAsync(async, cancellationToken).ConfigureAwait(false))
            {
                case Http1EventKind.BodyData:
                    if (_bodyLength > 0)
                    {
                        return _receive.AsMemory(_bodyOffset, _bodyLength);
                    }

                    continue;
                case Http1EventKind.EndOfMessage:
                    return ReadOnlyMemory<byte>.Empty;
                default:
                    // Trailers: the next event is the end of the message.
                    continue;
            }
        }
    }

    /// <summary>
    /// Swaps the 16 KiB receive buffer for a 64 KiB one when a large body is being read and nothing is buffered:
    /// a download then costs a quarter of the read calls. The connection keeps the larger buffer afterwards.
    /// </summary>
    private void GrowForLargeBody()
    {
        if (_start != _end || _receive.Length >= LargeBodyBufferSize || _decoder.Head is not { } head)
        {
            return;
        }

        long? remaining = head.ContentLength - _decoder.BodyBytesReceived;
        if (head.Framing == Http1BodyFraming.ContentLength && remaining <= _receive.Length)
        {
            return;
        }

        byte[] small = _receive;
        _receive = ArrayPool<byte>.Shared.Rent(LargeBodyBufferSize);
        _start = _end = 0;
        ArrayPool<byte>.Shared.Return(small);
    }

    /// <summary>
    /// Finishes the current message using only bytes already received, without any I/O. True when the message
    /// ended; false when more bytes would be needed (the caller then closes the connection).
    /// </summary>
    public bool TryFinishFromBuffer()
    {
        if (_broken)
        {
            return false;
        }

        try
        {
            while (_decoder.State != Http1DecoderState.Done)
            {
                if (DecodeBuffered() == Http1EventKind.NeedMoreData)
                {
                    return false;
                }
            }

            return true;
        }
        catch (ProtocolException)
        {
            return false;
        }
    }
}
