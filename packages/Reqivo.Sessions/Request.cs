using System;
using Reqivo.Protocol;

namespace Reqivo;

/// <summary>
/// An HTTP request: method, URL, header fields, an optional body and per-request options. A request may be
/// sent more than once when its body is replayable.
/// </summary>
/// <remarks>
/// The session never changes a request it is given: a redirect is sent as a new <see cref="Request"/> (see
/// <see cref="Response.Request"/> of the final response). Pre-request hooks may change it before it is sent.
/// </remarks>
public sealed class Request
{
    private HttpHeaders? _headers;
    private QueryParameters? _query;
    private string _method;
    private Uri _uri;
    private int? _maxRedirects;

    /// <summary>Creates a request.</summary>
    /// <param name="method">The method, a token such as <c>GET</c> (RFC 9110 §9).</param>
    /// <param name="uri">An absolute http or https URI, or a relative one resolved against the session's base address.</param>
    public Request(string method, Uri uri)
    {
        _method = ValidMethod(method);
        _uri = uri ?? throw new ArgumentNullException(nameof(uri));
    }

    /// <summary>Creates a request from a URL string (absolute, or relative to the session's base address).</summary>
    /// <param name="method">The method, a token such as <c>GET</c>.</param>
    /// <param name="url">The URL.</param>
    public Request(string method, string url)
        : this(method, new Uri(url ?? throw new ArgumentNullException(nameof(url)), UriKind.RelativeOrAbsolute))
    {
    }

    /// <summary>The method (a pre-request hook may change it).</summary>
    public string Method
    {
        get => _method;
        set => _method = ValidMethod(value);
    }

    /// <summary>The URI, absolute or relative to the session's base address (a pre-request hook may change it).</summary>
    public Uri Uri
    {
        get => _uri;
        set => _uri = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The header fields sent with this request, after the session's default fields of other names.</summary>
    public HttpHeaders Headers => _headers ??= new HttpHeaders();

    /// <summary>
    /// Query parameters appended to the URI's own query when the request is sent, percent-encoded as UTF-8
    /// (see <see cref="QueryParameters"/>).
    /// </summary>
    public QueryParameters Query => _query ??= new QueryParameters();

    /// <summary>The body, or null for none.</summary>
    public RequestBody? Body { get; set; }

    /// <summary>Time limits for this request, or null to use the session's.</summary>
    public Timeouts? Timeouts { get; set; }

    /// <summary>
    /// When true the response is returned as soon as its head arrives and the body is read on demand; the connection
    /// goes back to the pool when the body has been read to its end or the response is disposed. When false (the
    /// default) the body is read into memory before the send method returns.
    /// </summary>
    public bool StreamResponse { get; set; }

    /// <summary>Sends <c>Expect: 100-continue</c> and waits for the server's interim answer before sending the body.</summary>
    public bool ExpectContinue { get; set; }

    /// <summary>Whether redirects are followed for this request, or null to use <see cref="SessionOptions.FollowRedirects"/>.</summary>
    public bool? FollowRedirects { get; set; }

    /// <summary>The most redirects followed for this request, or null to use <see cref="SessionOptions.MaxRedirects"/>.</summary>
    public int? MaxRedirects
    {
        get => _maxRedirects;
        set => _maxRedirects = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit is zero or more.");
    }

    /// <summary>The retry policy for this request, or null to use <see cref="SessionOptions.RetryPolicy"/>.</summary>
    public RetryPolicy? RetryPolicy { get; set; }

    /// <summary>The Authorization value an authenticator gave in answer to this hop's 401, replayed on the new attempt.</summary>
    internal string? ChallengeAuthorization { get; private init; }

    /// <summary>How many 401 challenges of this hop were answered.</summary>
    internal int AnsweredChallenges { get; private init; }

    /// <summary>The header fields, or null when none were ever added (saves an allocation per request).</summary>
    internal HttpHeaders? HeadersOrNull => _headers;

    /// <summary>The query parameters, or null when none were ever added.</summary>
    internal QueryParameters? QueryOrNull => _query;

    /// <summary>
    /// Set on a redirect that left the original origin: neither this request's nor the session's default
    /// <c>Authorization</c>, <c>Proxy-Authorization</c> and <c>Cookie</c> fields are sent any more.
    /// </summary>
    internal bool CredentialsDropped { get; private init; }

    /// <summary>The request for the next hop of a redirect chain (RFC 9110 §15.4), carrying this one's options.</summary>
    /// <param name="method">The method of the new request.</param>
    /// <param name="uri">The absolute target.</param>
    /// <param name="keepBody">Whether the body (and its <c>Content-*</c> fields) goes along.</param>
    /// <param name="dropCredentials">Whether the redirect left the origin, so credentials must stay behind.</param>
    internal Request ForRedirect(string method, Uri uri, bool keepBody, bool dropCredentials)
    {
        Request next = WithOptions(method, uri, keepBody ? Body : null, CredentialsDropped || dropCredentials, null, 0);
        if (_headers is not null)
        {
            foreach (HttpField field in _headers)
            {
                if (!(next.CredentialsDropped && IsCredentialField(field.Name)) && !(!keepBody && IsContentField(field.Name)))
                {
                    next.Headers.Add(field.Name, field.Value);
                }
            }
        }

        return next;
    }

    /// <summary>
    /// The same request sent again with the answer to a 401 challenge (or, with null, without any): a copy, so a
    /// request the caller sends from several calls at once never shares one call's answered challenge.
    /// </summary>
    /// <param name="authorization">The Authorization value the authenticator gave, or null for none.</param>
    /// <param name="answeredChallenges">How many challenges of this hop were answered, this one included.</param>
    internal Request ForChallengeAnswer(string? authorization, int answeredChallenges)
    {
        Request next = WithOptions(Method, Uri, Body, CredentialsDropped, authorization, answeredChallenges);
        next._query = _query;
        if (_headers is not null)
        {
            foreach (HttpField field in _headers)
            {
                next.Headers.Add(field.Name, field.Value);
            }
        }

        return next;
    }

    /// <summary>A new request with this one's per-request options (timeouts, streaming, redirects, retries) and no fields.</summary>
    private Request WithOptions(string method, Uri uri, RequestBody? body, bool credentialsDropped, string? challengeAuthorization, int answeredChallenges) =>
        new(method, uri)
        {
            Body = body,
            Timeouts = Timeouts,
            StreamResponse = StreamResponse,
            ExpectContinue = ExpectContinue,
            FollowRedirects = FollowRedirects,
            MaxRedirects = MaxRedirects,
            RetryPolicy = RetryPolicy,
            CredentialsDropped = credentialsDropped,
            ChallengeAuthorization = challengeAuthorization,
            AnsweredChallenges = answeredChallenges,
        };

    /// <summary>The fields that carry credentials and never follow a redirect to another origin.</summary>
    internal static bool IsCredentialField(string name) =>
        name.Equals(HttpHeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HttpHeaderNames.ProxyAuthorization, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HttpHeaderNames.Cookie, StringComparison.OrdinalIgnoreCase);

    // RFC 9110 §8.4-§8.8: the Content-* fields describe the content; without the content they describe nothing.
    private static bool IsContentField(string name) => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    private static string ValidMethod(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!HttpMethods.IsValid(method))
        {
            throw new ArgumentException($"'{method}' is not a valid method: a method is a token (RFC 9110 §9.1).", nameof(method));
        }

        return method;
    }
}
