using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Http1;
using Reqivo.Internal;
using Reqivo.Pooling;
using Reqivo.Protocol;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// The object an application keeps to make HTTP requests: it owns a connection pool, default header fields and
/// the session's options. Every operation has a synchronous form that uses blocking socket I/O (no thread-pool
/// thread is needed) and an asynchronous form; both run the same code.
/// </summary>
/// <remarks>
/// Thread-safe: any number of requests may run concurrently. <see cref="DefaultHeaders"/> should be set up before
/// the first request and not changed while requests run. Dispose the session to close its connections.
/// </remarks>
public sealed partial class Session : IDisposable, IAsyncDisposable
{
    private readonly ConnectionPool<Http1Connection> _pool;
    private readonly Http1ConnectionFactory _factory;
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), Origin> _origins = new();
    private readonly UrlCache _urls = new();
    private int _disposed;

    /// <summary>Creates a session with default options.</summary>
    public Session()
        : this(new SessionOptions())
    {
    }

    /// <summary>Creates a session.</summary>
    /// <param name="options">The session's configuration.</param>
    public Session(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Configuration = options;
        _factory = new Http1ConnectionFactory(options.Transport ?? new SocketTransport(), options.Tls, options.Limits);
        _pool = new ConnectionPool<Http1Connection>(_factory, options.Pool, options.TimeProvider);
        InitializeFeatures(options);
        if (options.UserAgent is not null)
        {
            DefaultHeaders.Add(HttpHeaderNames.UserAgent, options.UserAgent);
        }
    }

    /// <summary>The session's configuration.</summary>
    public SessionOptions Configuration { get; }

    /// <summary>Header fields sent with every request, unless the request sets a field of the same name.</summary>
    public HttpHeaders DefaultHeaders { get; } = new();

    /// <summary>Pre-request and post-response hooks run around every send, in registration order (see <see cref="SessionHooks"/>).</summary>
    public SessionHooks Hooks { get; } = new();

    /// <summary>A snapshot of the connection pool: idle, active and waiting counts per origin and in total.</summary>
    public PoolStatistics GetPoolStatistics() => _pool.GetStatistics();

    /// <summary>
    /// Sends a request and returns its response (body buffered unless <see cref="Request.StreamResponse"/>), after the
    /// hooks, redirects and retries the session and the request configure.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <exception cref="RedirectException">A redirect was refused (limit, loop, https to http, body not replayable).</exception>
    /// <exception cref="InvalidOperationException">The session has asynchronous hooks, or the body is asynchronous.</exception>
    /// <remarks>A retry's wait blocks the calling thread (on <see cref="SessionOptions.TimeProvider"/>).</remarks>
    public Response Send(Request request, CancellationToken cancellationToken = default) =>
        SyncPath.Result(SendPipelineAsync(request, false, cancellationToken));

    /// <summary>
    /// Sends a request and returns its response (body buffered unless <see cref="Request.StreamResponse"/>), after the
    /// hooks, redirects and retries the session and the request configure.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the exchange, and a retry's wait.</param>
    /// <exception cref="RedirectException">A redirect was refused (limit, loop, https to http, body not replayable).</exception>
    public ValueTask<Response> SendAsync(Request request, CancellationToken cancellationToken = default) =>
        SendPipelineAsync(request, true, cancellationToken);

    /// <summary>Closes every pooled connection. Responses still streaming keep their connection until disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _pool.Dispose();
        }
    }

    /// <summary>Closes every pooled connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _pool.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The pool's state, one line per origin, for diagnostics.</summary>
    public override string ToString() => _pool.ToString();

    private Origin OriginOf(Uri uri)
    {
        // Cached per (scheme, host, port): the pool key and Host value are computed once per origin, not per request.
        return _origins.GetOrAdd((uri.Scheme, uri.IdnHost, uri.Port), static (origin, factory) =>
        {
            (string scheme, string host, int port) = origin;
            bool ipv6 = host.Contains(':', StringComparison.Ordinal);
            string authority = ipv6 ? $"[{host}]" : host;
            bool defaultPort = port == (scheme == "https" ? 443 : 80);
            string hostHeader = defaultPort ? authority : $"{authority}:{port}";
            return new Origin(new PoolKey(scheme, host, port, factory.IdentityFor(scheme)), hostHeader);
        }, _factory);
    }

    private sealed record Origin(PoolKey Key, string HostHeader);
}
