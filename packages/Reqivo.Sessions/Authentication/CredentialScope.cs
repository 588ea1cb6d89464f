using System;
using System.Collections.Generic;
using System.Globalization;

namespace Reqivo.Authentication;

/// <summary>
/// The origins (scheme, host, port; RFC 6454) that a set of credentials belongs to. An authenticator adds its
/// credentials to a request only when the request's origin is one of these, so a redirect or a link to another host,
/// another port or the other scheme never receives them.
/// </summary>
/// <remarks>
/// Only the scheme, host and port of each URI count: a path, query or user information is ignored. The port is the
/// explicit one or the scheme's default (80 for http, 443 for https), so <c>https://example.org</c> and
/// <c>https://example.org:443</c> name the same origin. Host names are compared in their IDNA (punycode) form, ignoring
/// case. Immutable and thread-safe.
/// </remarks>
public sealed class CredentialScope
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<Uri> _origins = [];

    /// <summary>Creates a scope holding the origins of <paramref name="origins"/>.</summary>
    /// <param name="origins">Absolute http or https URIs; at least one.</param>
    /// <exception cref="ArgumentException">A URI is not an absolute http or https URI, or there is none.</exception>
    public CredentialScope(IEnumerable<Uri> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        foreach (Uri origin in origins)
        {
            ArgumentNullException.ThrowIfNull(origin, nameof(origins));
            if (!IsHttpOrigin(origin))
            {
                throw new ArgumentException("A credential scope holds absolute http or https URIs.", nameof(origins));
            }

            string key = KeyOf(origin);
            if (_keys.Add(key))
            {
                _origins.Add(new Uri(key + "/"));
            }
        }

        if (_origins.Count == 0)
        {
            throw new ArgumentException("A credential scope needs at least one origin.", nameof(origins));
        }
    }

    /// <summary>The origins of the scope, each as <c>scheme://host:port/</c>, in the order given, without repeats.</summary>
    public IReadOnlyList<Uri> Origins => _origins;

    /// <summary>Creates a scope holding the single origin of <paramref name="origin"/>.</summary>
    /// <param name="origin">An absolute http or https URI.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException"><paramref name="origin"/> is not an absolute http or https URI.</exception>
    public static CredentialScope ForOrigin(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return new CredentialScope([origin]);
    }

    /// <summary>Whether <paramref name="uri"/> belongs to one of the scope's origins.</summary>
    /// <param name="uri">The URI of a request.</param>
    /// <returns>True only for an absolute http or https URI with the same scheme, host and port as one of the origins.</returns>
    public bool Contains(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return IsHttpOrigin(uri) && _keys.Contains(KeyOf(uri));
    }

    /// <summary>Whether a request to <paramref name="uri"/> is encrypted (https).</summary>
    internal static bool IsEncrypted(Uri uri) => string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    /// <summary>The key of a URI's origin (RFC 6454 §4): scheme, host and effective port.</summary>
    /// <remarks>
    /// <see cref="Uri"/> already lower-cases the scheme and the host of http and https URIs and fills in the default
    /// port; <see cref="Uri.IdnHost"/> gives the punycode form of an internationalised name. An IPv6 literal keeps its
    /// brackets so the key is itself a URI.
    /// </remarks>
    internal static string KeyOf(Uri uri)
    {
        string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{host}:{uri.Port}");
    }

    private static bool IsHttpOrigin(Uri uri) =>
        uri.IsAbsoluteUri
        && (string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        && uri.IdnHost.Length > 0;
}
