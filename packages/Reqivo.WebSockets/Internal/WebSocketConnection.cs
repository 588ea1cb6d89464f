using System;
using System.Buffers;
using System.IO;
using System.Threading;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;
using Reqivo.Transport;

namespace Reqivo.WebSockets.Internal;

// Theory of operation
// ---------------------
// One WebSocket connection after a successful handshake: a transport connection, the sans-I/O frame decoder that
// reads it, a pooled receive buffer (which already holds any bytes that followed the 101 head) and a pooled send
// buffer. The partial files split it by concern:
//
//   .Io.cs        every read and write of the stream, the write lock, failure mapping
//   .Send.cs      data and control frames out: masking keys, header and payload in one write when they fit
//   .Receive.cs   frames in: data events for the caller, control frames answered in place (Ping -> Pong)
//   .Close.cs     the close handshake both ways, failing the connection on a protocol violation, termination
//   .Deflate.cs   permessage-deflate (RFC 7692): compressing messages out, inflating and validating messages in
//   .KeepAlive.cs keep-alive Pings and the Pong deadline, on timers from the injected TimeProvider
//
// One reader and one writer at a time: WebSocketClient enforces "one receiver, one sender"; control frames sent by
// the reader (Pong, the Close echo) and by timers (Ping) take the write lock for one frame only, which is what lets
// them travel between the fragments of a message being streamed out (RFC 6455 §5.4, §5.5).
//
// States: Open --client Close--> CloseSent --server Close--> Closed
//         Open --server Close--> CloseReceived (echo sent) --> Closed
//         any  --I/O failure, EOF, keep-alive or close timeout, protocol violation--> Closed
internal sealed partial class WebSocketConnection : IDisposable
{
    private const int ReceiveBufferSize = 16 * 1024;

    private readonly ITransportConnection _transport;
    private readonly Stream _stream;
    private readonly WebSocketFrameDecoder _decoder;
    private readonly WebSocketOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _openedAsync;
    private byte[] _receive;
    private int _start;
    private int _end;
    private int _state = (int)WebSocketState.Open;
    private int _disposed;

    public WebSocketConnection(
        ITransportConnection transport,
        WebSocketOptions options,
        byte[] receiveBuffer,
        int bufferedStart,
        int bufferedEnd,
        WebSocketHandshakeResult agreed,
        HttpHeaders responseHeaders,
        bool openedAsync)
    {
        _transport = transport;
        _stream = transport.Stream;
        _options = options;
        _time = options.TimeProvider;
        _openedAsync = openedAsync;
        _receive = receiveBuffer;
        _start = bufferedStart;
        _end = bufferedEnd;
        _decoder = new WebSocketFrameDecoder(options.Limits, perMessageDeflate: agreed.PerMessageDeflate is not null);
        if (agreed.PerMessageDeflate is { } deflate)
        {
            _compressor = new PerMessageDeflateCompressor(deflate, options.PerMessageDeflate);
            _decompressor = new PerMessageDeflateDecompressor(deflate, options.Limits.MaxMessageLength);
        }

        Subprotocol = agreed.Subprotocol;
        Extensions = responseHeaders.GetCombinedValue(HttpHeaderNames.SecWebSocketExtensions);
        ResponseHeaders = responseHeaders;
        // The handshake ran under the connect budget; messages have none (like reads, a send waits for the peer as
        // long as it takes: the caller's token and keep-alive bound it). Left set, every send would also start a timer.
        _transport.ReadTimeout = Timeout.InfiniteTimeSpan;
        _transport.WriteTimeout = Timeout.InfiniteTimeSpan;
        StartKeepAlive();
    }

    public static int InitialReceiveBufferSize => ReceiveBufferSize;

    public WebSocketState State => (WebSocketState)Volatile.Read(ref _state);

    public string? Subprotocol { get; }

    public string? Extensions { get; }

    public HttpHeaders ResponseHeaders { get; }

    public ITransportConnection Transport => _transport;

    /// <summary>Called with the payload of every Pong received (keep-alive answers and unsolicited ones).</summary>
    public Action<ReadOnlyMemory<byte>>? PongReceived { get; set; }

    /// <summary>Whether the client started the close handshake (so a loss after it is not a reason to reconnect).</summary>
    public bool ClosedByClient { get; private set; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Terminate(WebSocketCloseStatus.AbnormalClosure, "The client disposed the connection.", error: null);
    }

    /// <summary>Drops the connection at once, reporting 1006 unless a close status was already known.</summary>
    public void Abort() => Terminate(WebSocketCloseStatus.AbnormalClosure, "The client aborted the connection.", error: null);

    private static void ReturnToPool(ref byte[] buffer)
    {
        byte[] rented = buffer;
        buffer = [];
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
