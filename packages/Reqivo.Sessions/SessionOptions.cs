using System;
using Reqivo.Pooling;
using Reqivo.Protocol.Http1;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>The configuration of a <see cref="Session"/>, fixed when the session is created.</summary>
public sealed class SessionOptions
{
    private readonly long _maxResponseBodySize = 64L * 1024 * 1024;
    private readonly TimeSpan _expectContinueTimeout = TimeSpan.FromSeconds(1);
    private readonly int _maxRedirects = 10;

    /// <summary>The URI that relative request URIs are resolved against (RFC 3986 §5), or null to require absolute URIs.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Time limits applied to every request that does not set its own.</summary>
    public Timeouts Timeouts { get; init; } = Timeouts.Default;

    /// <summary>Connection pool limits and expiry.</summary>
    public ConnectionPoolOptions Pool { get; init; } = new();

    /// <summary>TLS settings for https: verification is on by default; pass a validation callback or client certificates here.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary>Limits on what a server may send in a response head and chunked framing.</summary>
    public Http1Limits Limits { get; init; } = Http1Limits.Default;

    /// <summary>
    /// The largest body read into memory for a buffered (not streamed) response; a larger body raises
    /// <see cref="ProtocolLimitExceededException"/>. Default 64 MiB. Streamed responses are not limited.
    /// </summary>
    public long MaxResponseBodySize
    {
        get => _maxResponseBodySize;
        init => _maxResponseBodySize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit is positive.");
    }

    /// <summary>How long to wait for <c>100 Continue</c> before sending the body anyway (RFC 9110 §10.1.1). Default 1 s.</summary>
    public TimeSpan ExpectContinueTimeout
    {
        get => _expectContinueTimeout;
        init => _expectContinueTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout is positive.");
    }

    /// <summary>
    /// The transport for plain connections (default: <see cref="SocketTransport"/>). https connections wrap it in a
    /// <see cref="TlsTransport"/> with <see cref="Tls"/>.
    /// </summary>
    public ITransport? Transport { get; init; }

    /// <summary>The <c>User-Agent</c> sent by default, or null to send none.</summary>
    public string? UserAgent { get; init; } = "Reqivo/0.1";

    /// <summary>
    /// Whether a request that failed on a reused connection before any response byte arrived (the server had
    /// closed it while idle) is sent once more on a new connection, when its method is idempotent and its body
    /// replayable. Default true.
    /// </summary>
    public bool RetryOnStaleConnection { get; init; } = true;

    /// <summary>
    /// Whether 301, 302, 303, 307 and 308 responses with a <c>Location</c> are followed (default true). When false the
    /// redirect response itself is returned. <see cref="Request.FollowRedirects"/> overrides it per request.
    /// </summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>
    /// The most redirects followed for one request (default 10); one more raises <see cref="TooManyRedirectsException"/>.
    /// <see cref="Request.MaxRedirects"/> overrides it per request.
    /// </summary>
    public int MaxRedirects
    {
        get => _maxRedirects;
        init => _maxRedirects = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit is zero or more.");
    }

    /// <summary>
    /// Whether a redirect from https to http is followed (default false: it raises <see cref="InsecureRedirectException"/>,
    /// because the request and the response would travel in the clear).
    /// </summary>
    public bool AllowHttpsToHttpRedirects { get; init; }

    /// <summary>The retry policy for requests that set none, or null (the default) for no retries beyond the stale-connection resend.</summary>
    public RetryPolicy? RetryPolicy { get; init; }

    /// <summary>
    /// Whether the session keeps cookies (RFC 6265): <c>Set-Cookie</c> fields are stored and sent back where they
    /// apply. Default true; the jar is <see cref="CookieJar"/> or a new one per session.
    /// </summary>
    public bool UseCookies { get; init; } = true;

    /// <summary>The cookie jar to use (for example one loaded from disk, or shared on purpose), or null for a new jar per session.</summary>
    public Cookies.CookieJar? CookieJar { get; init; }

    /// <summary>
    /// Adds credentials to requests (preemptively or on a 401 challenge): <see cref="Authentication.BasicAuthenticator"/>,
    /// <see cref="Authentication.BearerAuthenticator"/>, <see cref="Authentication.DigestAuthenticator"/> or your own.
    /// Credentials are scoped to the origins the authenticator names. Null (the default) for none.
    /// </summary>
    public Authentication.IAuthenticator? Authenticator { get; init; }

    /// <summary>
    /// Whether the session sends <c>Accept-Encoding: gzip, deflate, br</c> (unless a request sets the field) and
    /// decodes response bodies by their <c>Content-Encoding</c>; the decoded response has neither
    /// <c>Content-Encoding</c> nor <c>Content-Length</c>. Default true.
    /// </summary>
    public bool AutomaticDecompression { get; init; } = true;

    /// <summary>Limits on decoded size and compression ratio (a decompression bomb raises a limit error).</summary>
    public Content.DecompressionLimits DecompressionLimits { get; init; } = Content.DecompressionLimits.Default;

    /// <summary>The clock for timeouts, pool expiry and retry waits (tests inject their own).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
