using System;

namespace Reqivo;

/// <summary>Method names and their properties (RFC 9110 §9).</summary>
public static class HttpMethods
{
    /// <summary><c>GET</c>.</summary>
    public const string Get = "GET";

    /// <summary><c>HEAD</c>.</summary>
    public const string Head = "HEAD";

    /// <summary><c>POST</c>.</summary>
    public const string Post = "POST";

    /// <summary><c>PUT</c>.</summary>
    public const string Put = "PUT";

    /// <summary><c>PATCH</c>.</summary>
    public const string Patch = "PATCH";

    /// <summary><c>DELETE</c>.</summary>
    public const string Delete = "DELETE";

    /// <summary><c>OPTIONS</c>.</summary>
    public const string Options = "OPTIONS";

    /// <summary><c>TRACE</c>.</summary>
    public const string Trace = "TRACE";

    /// <summary><c>CONNECT</c>.</summary>
    public const string Connect = "CONNECT";

    /// <summary>Whether the method is idempotent (RFC 9110 §9.2.2), so a request that may not have been processed can be sent again.</summary>
    /// <param name="method">The method, compared case-sensitively as RFC 9110 §9.1 requires.</param>
    public static bool IsIdempotent(string method) => method switch
    {
        Get or Head or Options or Trace or Put or Delete => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="method"/> is a token and so may be sent.</summary>
    /// <param name="method">The method.</param>
    public static bool IsValid(string method)
    {
        if (string.IsNullOrEmpty(method))
        {
            return false;
        }

        foreach (char c in method)
        {
            // RFC 9110 §5.6.2 tchar.
            bool ok = char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
