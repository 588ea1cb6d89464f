using System;
using Reqivo.Protocol;

namespace Reqivo;

/// <summary>
/// An HTTP request: method, URL, header fields, an optional body and per-request options. A request may be
/// sent more than once when its body is replayable.
/// </summary>
public sealed class Request
{
    private HttpHeaders? _headers;

    /// <summary>Creates a request.</summary>
    /// <param name="method">The method, a token such as <c>GET</c> (RFC 9110 §9).</param>
    /// <param name="uri">An absolute http or https URI, or a relative one resolved against the session's base address.</param>
    public Request(string method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!HttpMethods.IsValid(method))
        {
            throw new ArgumentException($"'{method}' is not a valid method: a method is a token (RFC 9110 §9.1).", nameof(method));
        }

        Method = method;
        Uri = uri;
    }

    /// <summary>Creates a request from a URL string (absolute, or relative to the session's base address).</summary>
    /// <param name="method">The method, a token such as <c>GET</c>.</param>
    /// <param name="url">The URL.</param>
    public Request(string method, string url)
        : this(method, new Uri(url ?? throw new ArgumentNullException(nameof(url)), UriKind.RelativeOrAbsolute))
    {
    }

    /// <summary>The method.</summary>
    public string Method { get; }

    /// <summary>The URI, absolute or relative to the session's base address.</summary>
    public Uri Uri { get; }

    /// <summary>The header fields sent with this request, after the session's default fields of other names.</summary>
    public HttpHeaders Headers => _headers ??= new HttpHeaders();

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

    /// <summary>The header fields, or null when none were ever added (saves an allocation per request).</summary>
    internal HttpHeaders? HeadersOrNull => _headers;
}
