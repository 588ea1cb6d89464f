using System;
using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>One attempt of a request, as an <see cref="IAuthenticator"/> sees it.</summary>
/// <remarks>Not thread-safe: a context belongs to one attempt of one request.</remarks>
public sealed class AuthenticationContext
{
    /// <summary>
    /// The number of 401 responses a session answers at most in one request chain: the first challenge, plus one more
    /// for a Digest <c>stale=true</c> challenge (RFC 7616 §3.3).
    /// </summary>
    public const int MaxAnsweredChallenges = 2;

    /// <summary>Creates the context of an attempt whose content is streamed (or not known in advance).</summary>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The absolute URI of the attempt.</param>
    /// <param name="headers">The attempt's header fields, which the authenticator may change.</param>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not absolute or <paramref name="method"/> is empty.</exception>
    public AuthenticationContext(string method, Uri uri, HttpHeaders headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The URI of an attempt must be absolute.", nameof(uri));
        }

        Method = method;
        Uri = uri;
        Headers = headers;
    }

    /// <summary>Creates the context of an attempt whose whole content is in memory.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The absolute URI of the attempt.</param>
    /// <param name="headers">The attempt's header fields, which the authenticator may change.</param>
    /// <param name="body">The whole request content (empty for a request without content).</param>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not absolute or <paramref name="method"/> is empty.</exception>
    public AuthenticationContext(string method, Uri uri, HttpHeaders headers, ReadOnlyMemory<byte> body)
        : this(method, uri, headers)
    {
        Body = body;
    }

    /// <summary>The request method.</summary>
    public string Method { get; }

    /// <summary>The absolute URI of the attempt (after base address resolution and redirects).</summary>
    public Uri Uri { get; }

    /// <summary>The attempt's header fields; an authenticator sets <c>Authorization</c> here.</summary>
    public HttpHeaders Headers { get; }

    /// <summary>
    /// The whole request content when it is in memory (empty for a request without content), for schemes that protect
    /// the content (Digest <c>qop=auth-int</c>); null when the content is streamed and cannot be read in advance.
    /// </summary>
    public ReadOnlyMemory<byte>? Body { get; }

    /// <summary>
    /// How many 401 responses of this request chain were already answered with a new attempt (0 for the first attempt).
    /// </summary>
    public int PreviousChallenges { get; init; }
}
