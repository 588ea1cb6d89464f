using System;

namespace Reqivo.Cookies;

/// <summary>The host, domain and path rules of RFC 6265 §5.1.2-§5.1.4, shared by storing and sending.</summary>
internal static class CookieMatching
{
    /// <summary>
    /// The canonical host of a request (§5.1.2): lower-case, internationalised names in their punycode form, IPv6
    /// literals in brackets as <see cref="Uri.Host"/> writes them.
    /// </summary>
    public static string CanonicalHost(Uri uri, out bool isIpAddress)
    {
        isIpAddress = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        return isIpAddress ? uri.Host : uri.IdnHost.ToLowerInvariant();
    }

    /// <summary>Whether the scheme gives a secure channel: the only schemes Secure cookies are set from and sent to.</summary>
    public static bool IsSecure(Uri uri) =>
        uri.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
        || uri.Scheme.Equals(Uri.UriSchemeWss, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// §5.1.3 domain-match: identical, or the host ends with "." plus the domain and is a host name, not an IP address.
    /// </summary>
    public static bool DomainMatches(string host, bool hostIsIpAddress, string domain)
    {
        if (host.Equals(domain, StringComparison.Ordinal))
        {
            return true;
        }

        return !hostIsIpAddress
            && host.Length > domain.Length
            && host.EndsWith(domain, StringComparison.Ordinal)
            && host[host.Length - domain.Length - 1] == '.';
    }

    /// <summary>§5.1.4 path-match: identical, or a prefix that ends with '/' or is followed by '/' in the request path.</summary>
    public static bool PathMatches(string requestPath, string cookiePath)
    {
        if (!requestPath.StartsWith(cookiePath, StringComparison.Ordinal))
        {
            return false;
        }

        return requestPath.Length == cookiePath.Length
            || cookiePath[^1] == '/'
            || requestPath[cookiePath.Length] == '/';
    }

    /// <summary>The request path a cookie is matched against: the URI's path, "/" when it has none.</summary>
    public static string RequestPath(Uri uri)
    {
        string path = uri.AbsolutePath;
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>§5.1.4 default-path: the request path up to, not including, its last '/'; "/" when that leaves nothing.</summary>
    public static string DefaultPath(Uri uri)
    {
        string path = uri.AbsolutePath;
        if (path.Length == 0 || path[0] != '/')
        {
            return "/";
        }

        int lastSlash = path.LastIndexOf('/');
        return lastSlash == 0 ? "/" : path[..lastSlash];
    }
}
