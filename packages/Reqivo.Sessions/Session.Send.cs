using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Http1;
using Reqivo.Internal;
using Reqivo.Pooling;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// One exchange, the innermost stage of the pipeline (Session.Pipeline.cs): rent a connection, send one request to
/// an already resolved URI, retry a stale connection once, build the response.
/// </summary>
public sealed partial class Session
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> ExchangeAsync(Request request, Uri uri, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // Everything that can be refused is refused here, before a connection is rented or a byte is sent.
        RequestBody? body = request.Body;
        if (body is { RequiresAsync: true } && !async)
        {
            throw new InvalidOperationException("This request's body is an IAsyncEnumerable; send it with SendAsync.");
        }

        RejectWriterOwnedFields(request.HeadersOrNull);
        Origin origin = OriginOf(uri);
        RequestTarget target = RequestTarget.FromUri(uri);
        Timeouts timeouts = request.Timeouts ?? Configuration.Timeouts;
        var budget = new ExchangeBudget(timeouts, Configuration.TimeProvider);

        for (int attempt = 0; ; attempt++)
        {
            PoolLease<Http1Connection> lease = await RentAsync(origin.Key, budget, request, uri, async, cancellationToken).ConfigureAwait(false);
            Http1Connection connection = lease.Connection;
            Http1RequestHead head;
            try
            {
                head = BuildHead(connection, request, uri, target, origin.HostHeader);
            }
            catch
            {
                // Refused before any byte was written: the connection is as good as it was.
                _pool.Return(connection, reusable: true);
                throw;
            }

            Http1ResponseHead responseHead;
            try
            {
                responseHead = await connection
                    .SendRequestAsync(head, body, uri, budget, Configuration.ExpectContinueTimeout, async, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception error) when (attempt == 0 && lease.IsReused && IsStaleConnectionFailure(error, connection) && CanResend(request))
            {
                // The server closed the idle connection before it saw this request: nothing was processed, so the
                // idempotent request goes once more on a new connection (never twice, never on a fresh connection).
                _pool.Return(connection, reusable: false);
                continue;
            }
            catch
            {
                _pool.Return(connection, reusable: false);
                throw;
            }

            return await CreateResponseAsync(request, uri, connection, responseHead, async, cancellationToken).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<PoolLease<Http1Connection>> RentAsync(
        PoolKey key, ExchangeBudget budget, Request request, Uri uri, bool async, CancellationToken cancellationToken)
    {
        (TimeSpan poolTimeout, bool poolIsTotal) = budget.Cap(budget.Timeouts.Pool);
        (TimeSpan connectTimeout, bool connectIsTotal) = budget.Cap(budget.Timeouts.Connect);
        try
        {
            return async
                ? await _pool.RentAsync(key, poolTimeout, connectTimeout, cancellationToken).ConfigureAwait(false)
                : _pool.Rent(key, poolTimeout, connectTimeout, cancellationToken);
        }
        catch (PoolTimeoutException) when (poolIsTotal)
        {
            throw new TotalTimeoutException(budget.Timeouts.Total, request.Method, UrlRedactor.Redact(uri));
        }
        catch (ConnectTimeoutException) when (connectIsTotal || budget.TotalExpired)
        {
            throw new TotalTimeoutException(budget.Timeouts.Total, request.Method, UrlRedactor.Redact(uri));
        }
        catch (ReqivoException error)
        {
            error.RequestMethod ??= request.Method;
            error.RequestUrl ??= UrlRedactor.Redact(uri);
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> CreateResponseAsync(
        Request request, Uri uri, Http1Connection connection, Http1ResponseHead head, bool async, CancellationToken cancellationToken)
    {
        if (head.Framing == Http1BodyFraming.None || head.IsUpgrade)
        {
            // No body (HEAD, 1xx, 204, 304, upgrades): the end of the message is decoded from what is already
            // buffered, and the connection goes back at once (closed after an upgrade, which is never reusable).
            bool complete = !head.IsUpgrade && connection.TryFinishFromBuffer();
            _pool.Return(connection, complete && connection.IsReusable);
            return new Response(request, uri, head, null, null);
        }

        if (request.StreamResponse)
        {
            return new Response(request, uri, head, new Http1ResponseContent(_pool, connection, head.ContentLength));
        }

        byte[] body;
        try
        {
            body = await ResponseBuffering.ReadAllAsync(connection, Configuration.MaxResponseBodySize, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            _pool.Return(connection, reusable: false);
            if (error is ReqivoException reqivo)
            {
                reqivo.RequestMethod ??= request.Method;
                reqivo.RequestUrl ??= UrlRedactor.Redact(uri);
            }

            throw;
        }

        HttpHeaders? trailers = connection.Trailers;
        _pool.Return(connection, connection.IsReusable);
        return new Response(request, uri, head, body, trailers);
    }

    private Http1RequestHead BuildHead(Http1Connection connection, Request request, Uri uri, RequestTarget target, string hostHeader)
    {
        Http1RequestHead head = connection.PrepareHead(request.Method, target, hostHeader);
        HttpHeaders fields = head.Headers;
        HttpHeaders? own = request.HeadersOrNull;
        foreach (HttpField field in DefaultHeaders)
        {
            // A redirect that left the original origin takes no credentials along, the session's defaults included.
            if ((own is null || !own.Contains(field.Name)) && !(request.CredentialsDropped && Request.IsCredentialField(field.Name)))
            {
                fields.Add(field.Name, field.Value);
            }
        }

        if (own is not null)
        {
            foreach (HttpField field in own)
            {
                fields.Add(field.Name, field.Value);
            }
        }

        RequestBody? body = request.Body;
        if (body is not null)
        {
            if (body.ContentType is { } contentType && !fields.Contains(HttpHeaderNames.ContentType))
            {
                fields.Add(HttpHeaderNames.ContentType, contentType);
            }

            if (request.ExpectContinue && !fields.Contains(HttpHeaderNames.Expect))
            {
                fields.Add(HttpHeaderNames.Expect, "100-continue");
            }
        }

        // The feature stages of Session.Features.cs, per attempt, on this attempt's own fields.
        AddCookieHeader(request, uri, fields);
        Authenticate(request, uri, fields);
        AddAcceptEncoding(request, fields);

        // RFC 9110 §8.6: a request whose method gives content a meaning (POST, PUT, PATCH) but that has none
        // SHOULD say so with Content-Length: 0, so the server does not wait for a body.
        head.Framing = body is null && request.Method is HttpMethods.Post or HttpMethods.Put or HttpMethods.Patch
            ? RequestFraming.ContentLength(0)
            : RequestFraming.ForBody(body?.Length, body is not null);
        return head;
    }

    private static void RejectWriterOwnedFields(HttpHeaders? headers)
    {
        if (headers is null)
        {
            return;
        }

        // Reqivo writes Host from the URL and the framing field from the body; a second source for either is how
        // requests get misrouted or smuggled (RFC 9112 §3.2, §6.1), so such a request is refused before any I/O.
        foreach (string name in (ReadOnlySpan<string>)[HttpHeaderNames.Host, HttpHeaderNames.ContentLength, HttpHeaderNames.TransferEncoding])
        {
            if (headers.Contains(name))
            {
                throw new ArgumentException($"A request may not set the '{name}' field: Reqivo derives it from the URL and the body.", nameof(headers));
            }
        }
    }

    private bool CanResend(Request request) =>
        Configuration.RetryOnStaleConnection
        && HttpMethods.IsIdempotent(request.Method)
        && (request.Body is null || request.Body.IsReplayable);

    private static bool IsStaleConnectionFailure(Exception error, Http1Connection connection) =>
        !connection.ResponseStarted && error switch
        {
            ConnectionFailedException => true,
            ProtocolException { Error: ProtocolError.IncompleteMessage } => true,
            _ => false,
        };
}
