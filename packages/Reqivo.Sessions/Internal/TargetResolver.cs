using System;

namespace Reqivo.Internal;

/// <summary>
/// The absolute URI a request goes to: its URI resolved against the session's base address by RFC 3986 §5.2 (so a
/// base without a trailing slash loses its last segment: <c>http://h/a/b</c> + <c>c</c> is <c>http://h/a/c</c>, while
/// <c>http://h/a/b/</c> + <c>c</c> is <c>http://h/a/b/c</c>), then the request's query parameters appended to the
/// query it already has, before any fragment.
/// </summary>
internal static class TargetResolver
{
    public static Uri Resolve(Uri? baseAddress, Uri uri, QueryParameters? query)
    {
        if (!uri.IsAbsoluteUri)
        {
            if (baseAddress is null)
            {
                throw new ArgumentException($"The request URI '{uri}' is relative and the session has no BaseAddress.", nameof(uri));
            }

            uri = new Uri(baseAddress, uri);
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The scheme '{uri.Scheme}' is not supported: use http or https.", nameof(uri));
        }

        return query is { Count: > 0 } ? AppendQuery(uri, query.ToString()) : uri;
    }

    private static Uri AppendQuery(Uri uri, string query)
    {
        string text = uri.AbsoluteUri;
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        string fragment = hash < 0 ? string.Empty : text[hash..];
        string withoutFragment = hash < 0 ? text : text[..hash];
        string separator = !withoutFragment.Contains('?', StringComparison.Ordinal) ? "?"
            : withoutFragment.EndsWith('?') || withoutFragment.EndsWith('&') ? string.Empty
            : "&";
        return new Uri(withoutFragment + separator + query + fragment);
    }
}
