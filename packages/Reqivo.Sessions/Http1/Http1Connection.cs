using System;
using System.Buffers;
using System.IO;
using Reqivo.Internal;
using Reqivo.Pooling;
using Reqivo.Protocol.Http1;
using Reqivo.Transport;

namespace Reqivo.Http1;

/// <summary>
/// One HTTP/1.1 connection: a transport connection, the sans-I/O decoder that reads it, a pooled receive buffer and
/// a pooled send buffer. It carries one exchange at a time (the pool leases it exclusively) and is reusable only
/// when the last response was read to its end, both sides agreed to keep it open and no stray byte is waiting.
/// </summary>
/// <remarks>
/// Theory of operation: <see cref="SendRequestAsync"/> writes the head (and a small in-memory body in the same
/// write), then the body, then reads events until the final response head. The body is then pulled block by block
/// with <see cref="ReadBodyBlockAsync"/>; each block is a slice of the receive buffer, valid until the next call.
/// Every I/O goes through <c>Http1Connection.Io.cs</c>, which applies the exchange's timeouts and maps failures.
/// </remarks>
internal sealed partial class Http1Connection : IPoolableConnection, IBodySource
{
    private const int ReceiveBufferSize = 16 * 1024;
    private const int SendBufferSize = 4 * 1024;

    private readonly ITransportConnection _transport;
    private readonly Stream _stream;
    private readonly Http1ResponseDecoder _decoder;
    private readonly PooledBufferWriter _send = new(SendBufferSize);
    private byte[] _receive = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
    private int _start;
    private int _end;

    private Http1RequestHead? _head;
    private ExchangeBudget _budget;
    private string _method = HttpMethods.Get;
    private Uri? _uri;
    private bool _closeRequested;
    private bool _broken;
    private bool _disposed;

    public Http1Connection(ITransportConnection transport, PoolKey key, Http1Limits limits)
    {
        _transport = transport;
        _stream = transport.Stream;
        _decoder = new Http1ResponseDecoder(limits);
        Key = key;
    }

    public PoolKey Key { get; }

    public ITransportConnection Transport => _transport;

    /// <summary>Whether any byte of the current response has arrived.</summary>
    public bool ResponseStarted => _decoder.HasReceivedBytes;

    /// <summary>Whether the current response has been read to its end.</summary>
    public bool IsMessageComplete => _decoder.State == Http1DecoderState.Done;

    /// <summary>
    /// Whether the connection may carry another request: the message ended, neither side asked to close, nothing
    /// failed, and no byte arrived beyond the response (an HTTP/1.1 client must not see unsolicited data).
    /// </summary>
    public bool IsReusable =>
        !_broken && !_closeRequested && _start == _end
        && _decoder.State == Http1DecoderState.Done && _decoder.Head is { KeepAlive: true };

    /// <summary>
    /// The request head for the next exchange, reset to the given request line and Host: one head object per
    /// connection, so building a request costs no allocation.
    /// </summary>
    public Http1RequestHead PrepareHead(string method, RequestTarget target, string host)
    {
        if (_head is null)
        {
            _head = new Http1RequestHead(method, target, host);
        }
        else
        {
            _head.Reset(method, target, host);
        }

        return _head;
    }

    public bool IsAlive() => !_broken && !_disposed && _start == _end && _transport.IsAlive();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _transport.Dispose();
        _send.Dispose();
        byte[] receive = _receive;
        _receive = [];
        ArrayPool<byte>.Shared.Return(receive);
    }

    public override string ToString() => $"{Key} local={_transport.LocalEndPoint} remote={_transport.RemoteEndPoint}";

    private string RedactedUrl => UrlRedactor.Redact(_uri);
}
