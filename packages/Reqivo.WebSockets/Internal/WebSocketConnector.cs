using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;
using Reqivo.Protocol.WebSockets;
using Reqivo.Transport;

namespace Reqivo.WebSockets.Internal;

/// <summary>
/// Opens a WebSocket: connects the transport, writes the upgrade request with <see cref="Http1RequestWriter"/>, reads
/// the answer with <see cref="Http1ResponseDecoder"/> and validates it (RFC 6455 §4.1). The whole of it runs within
/// <see cref="WebSocketOptions.ConnectTimeout"/>. The bytes that arrive after the 101 head stay in the receive buffer
/// for the frame decoder.
/// </summary>
internal sealed class WebSocketConnector
{
    private static readonly SocketTransport DefaultTransport = new();

    private readonly WebSocketOptions _options;
    private readonly ITransport _plain;
    private ITransport? _secure;

    public WebSocketConnector(WebSocketOptions options, HttpHeaders? defaultHeaders)
    {
        _options = options;
        _plain = options.Transport ?? DefaultTransport;
        DefaultHeaders = defaultHeaders;
    }

    /// <summary>Fields sent unless the options set one of the same name (a session's defaults).</summary>
    public HttpHeaders? DefaultHeaders { get; }

    public async ValueTask<WebSocketConnection> ConnectAsync(Uri uri, bool async, CancellationToken cancellationToken)
    {
        bool secure = WebSocketUri.IsSecure(uri);
        ITransport transport = secure ? _secure ??= new TlsTransport(_plain, _options.Tls) : _plain;
        var endpoint = TransportEndpoint.Tcp(uri.IdnHost, WebSocketUri.PortOf(uri));
        TimeProvider time = _options.TimeProvider;
        long started = time.GetTimestamp();
        TimeSpan budget = _options.ConnectTimeout;

        ITransportConnection connection;
        try
        {
            connection = async
                ? await transport.ConnectAsync(endpoint, budget, cancellationToken).ConfigureAwait(false)
                : transport.Connect(endpoint, budget, cancellationToken);
        }
        catch (Exception error)
        {
            // A refused or timed-out connect names the request too, like a failure during the handshake.
            Exception mapped = MapFailure(error, endpoint, uri, cancellationToken);
            if (ReferenceEquals(mapped, error))
            {
                throw; // the same exception, given the request's names: keep its stack trace
            }

            throw mapped;
        }

        byte[] receive = ArrayPool<byte>.Shared.Rent(WebSocketConnection.InitialReceiveBufferSize);
        try
        {
            string key = WebSocketHandshake.CreateKey();
            Http1RequestHead head = HandshakeRequest.Build(uri, key, _options, DefaultHeaders);
            var request = new ArrayBufferWriter<byte>(512);
            Http1RequestWriter.Write(head, request);

            connection.WriteTimeout = Remaining(time, started, budget, endpoint);
            if (async)
            {
                await connection.Stream.WriteAsync(request.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                connection.Stream.Write(request.WrittenSpan);
            }

            var decoder = new Http1ResponseDecoder();
            decoder.BeginResponse("GET");
            int start = 0;
            int end = 0;
            while (true)
            {
                Http1EventKind kind = decoder.Decode(receive.AsSpan(start, end - start), out int consumed, out _);
                start += consumed;
                if (kind == Http1EventKind.ResponseHead)
                {
                    break;
                }

                if (kind != Http1EventKind.NeedMoreData)
                {
                    // An interim (1xx) response other than 101 (RFC 9110 §15.2): skip it and read on.
                    continue;
                }

                (receive, start, end) = MakeSpace(receive, start, end);
                connection.ReadTimeout = Remaining(time, started, budget, endpoint);
                int read = async
                    ? await connection.Stream.ReadAsync(receive.AsMemory(end), cancellationToken).ConfigureAwait(false)
                    : connection.Stream.Read(receive, end, receive.Length - end);
                if (read == 0)
                {
                    decoder.DecodeEndOfInput();
                    throw new ProtocolException(ProtocolError.IncompleteMessage, "The server closed the connection before answering the WebSocket upgrade.");
                }

                end += read;
            }

            // RFC 6455 §4.1, client steps 1–6; RFC 7692 §5: the status, fields, accept value, subprotocol and extensions.
            Http1ResponseHead response = decoder.Head!;
            WebSocketHandshakeResult agreed = WebSocketHandshake.ValidateResponse(
                response.StatusCode, response.Headers, key, _options.Subprotocols, _options.PerMessageDeflate);
            return new WebSocketConnection(connection, _options, receive, start, end, agreed, response.Headers, async);
        }
        catch (Exception error)
        {
            connection.Dispose();
            ArrayPool<byte>.Shared.Return(receive);
            Exception mapped = MapFailure(error, endpoint, uri, cancellationToken);
            if (ReferenceEquals(mapped, error))
            {
                throw;
            }

            throw mapped;
        }
    }

    private Exception MapFailure(Exception error, TransportEndpoint endpoint, Uri uri, CancellationToken cancellationToken)
    {
        string url = Redact(uri);
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return error;
            case ReadTimeoutException or WriteTimeoutException or TimeoutException:
                return new ConnectTimeoutException(endpoint, _options.ConnectTimeout, error) { RequestMethod = "GET", RequestUrl = url };
            case ReqivoException reqivo:
                reqivo.RequestMethod ??= "GET";
                reqivo.RequestUrl ??= url;
                return reqivo;
            case System.IO.IOException or ObjectDisposedException:
                return new ConnectException(endpoint, $"the connection failed during the WebSocket handshake: {error.Message}", innerException: error)
                {
                    RequestMethod = "GET",
                    RequestUrl = url,
                };
            default:
                return error;
        }
    }

    private static (byte[] Buffer, int Start, int End) MakeSpace(byte[] buffer, int start, int end)
    {
        if (end < buffer.Length)
        {
            return (buffer, start, end);
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            return (buffer, 0, end - start);
        }

        // A field line fills the buffer: grow it; the decoder's limits bound how far.
        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, larger, 0, end);
        ArrayPool<byte>.Shared.Return(buffer);
        return (larger, 0, end);
    }

    private static TimeSpan Remaining(TimeProvider time, long started, TimeSpan budget, TransportEndpoint endpoint)
    {
        if (budget == Timeout.InfiniteTimeSpan)
        {
            return Timeout.InfiniteTimeSpan;
        }

        TimeSpan remaining = budget - time.GetElapsedTime(started);
        return remaining > TimeSpan.Zero ? remaining : throw new ConnectTimeoutException(endpoint, budget);
    }

    /// <summary>The URI without user information or query, for exception messages.</summary>
    /// <remarks>Not <see cref="Uri.GetLeftPart"/>: its authority keeps the user information (a password included).</remarks>
    private static string Redact(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
