using System;
using System.Text;

namespace Reqivo.Cookies;

/// <summary>Checks a cookie given through <see cref="CookieJar.Add(Cookie)"/> or a saved jar against the rules Set-Cookie obeys.</summary>
public sealed partial class CookieJar
{
    /// <summary>The cookie with its domain in canonical form, or null with the reason it cannot be stored.</summary>
    private Cookie? Normalize(Cookie cookie, out string? problem)
    {
        problem = null;
        if (cookie.Name.Length == 0 || HasForbiddenCharacter(cookie.Name, nameAlso: true) || HasForbiddenCharacter(cookie.Value, nameAlso: false))
        {
            problem = "The cookie name must be non-empty; name and value may not hold control characters or ';' (nor '=' in the name), nor begin or end with white space.";
            return null;
        }

        if (Encoding.UTF8.GetByteCount(cookie.Name) + Encoding.UTF8.GetByteCount(cookie.Value) > SetCookieParser.MaxNameValueBytes)
        {
            problem = "The cookie name and value exceed 4096 octets.";
            return null;
        }

        if (cookie.Path.Length == 0 || cookie.Path[0] != '/' || HasForbiddenCharacter(cookie.Path, nameAlso: false))
        {
            problem = "The cookie path must start with '/' and may not hold control characters or ';'.";
            return null;
        }

        bool isIpAddress = Uri.CheckHostName(cookie.Domain) is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        string? domain = isIpAddress ? CanonicalIpAddress(cookie.Domain) : PublicSuffixList.ToAsciiLower(cookie.Domain.TrimStart('.'));
        if (domain is null || Uri.CheckHostName(domain) == UriHostNameType.Unknown)
        {
            problem = "The cookie domain is not a valid host name.";
            return null;
        }

        if (!cookie.HostOnly && !isIpAddress && _suffixes.IsPublicSuffix(domain))
        {
            problem = "A public suffix cannot be the domain of a cookie that is not host-only.";
            return null;
        }

        Cookie normalized = cookie with { Domain = domain, HostOnly = cookie.HostOnly || isIpAddress };
        problem = PrefixProblem(normalized, hasPathAttribute: true);
        return problem is null ? normalized : null;
    }

    /// <summary>
    /// Request hosts are compared in <see cref="Uri.Host"/>'s form (IPv6 in brackets, lower case, zeros compressed), so
    /// an IP address given in another spelling ("::1", "[::ABCD]") is brought to that form or it would never match.
    /// </summary>
    private static string CanonicalIpAddress(string address)
    {
        string literal = address.Contains(':', StringComparison.Ordinal) && address[0] != '[' ? $"[{address}]" : address;
        return Uri.TryCreate($"http://{literal}/", UriKind.Absolute, out Uri? uri) ? uri.Host : address;
    }

    private static bool HasForbiddenCharacter(string text, bool nameAlso)
    {
        if (text.Length > 0 && (text[0] is ' ' or '\t' || text[^1] is ' ' or '\t'))
        {
            return true;
        }

        foreach (char c in text)
        {
            if ((c < ' ' && c != '\t') || c == '\x7F' || c == ';' || (nameAlso && c == '='))
            {
                return true;
            }
        }

        return false;
    }
}
