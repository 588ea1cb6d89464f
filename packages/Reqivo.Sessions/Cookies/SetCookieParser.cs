using System;
using System.Text;

namespace Reqivo.Cookies;

/// <summary>The attributes of one <c>Set-Cookie</c> field value, as RFC 6265 §5.2 reads them (last attribute wins).</summary>
internal sealed class ParsedSetCookie
{
    public required string Name { get; init; }

    public required string Value { get; init; }

    /// <summary>The last valid <c>Expires</c> attribute.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>The last valid <c>Max-Age</c> attribute in seconds (clamped to the range of a long).</summary>
    public long? MaxAge { get; set; }

    /// <summary>The last non-empty <c>Domain</c> attribute, without a leading dot, lower-cased.</summary>
    public string? Domain { get; set; }

    /// <summary>The last <c>Path</c> attribute, or null when it was absent, empty or did not start with '/' (default-path).</summary>
    public string? Path { get; set; }

    /// <summary>Whether a <c>Path</c> attribute was given at all (the <c>__Host-</c> prefix asks for an explicit <c>Path=/</c>).</summary>
    public bool HasPathAttribute { get; set; }

    public bool Secure { get; set; }

    public bool HttpOnly { get; set; }

    public CookieSameSite SameSite { get; set; }
}

/// <summary>Parses a <c>Set-Cookie</c> field value: RFC 6265 §5.2 with the rfc6265bis refinements named inline.</summary>
internal static class SetCookieParser
{
    /// <summary>rfc6265bis Set-Cookie parsing: the name and value together may not exceed 4096 octets.</summary>
    public const int MaxNameValueBytes = 4096;

    /// <summary>rfc6265bis Set-Cookie parsing: an attribute value longer than 1024 octets is ignored.</summary>
    public const int MaxAttributeValueBytes = 1024;

    public static ParsedSetCookie? Parse(string setCookie)
    {
        ReadOnlySpan<char> text = setCookie;

        // rfc6265bis Set-Cookie parsing: a control character other than HTAB voids the whole field.
        foreach (char c in text)
        {
            if ((c < ' ' && c != '\t') || c == '\x7F')
            {
                return null;
            }
        }

        // §5.2 steps 1-5: the name-value-pair runs to the first ';'; no '=' or an empty name ignores the cookie.
        int semicolon = text.IndexOf(';');
        ReadOnlySpan<char> pair = semicolon < 0 ? text : text[..semicolon];
        int equals = pair.IndexOf('=');
        if (equals < 0)
        {
            return null;
        }

        string name = TrimWhitespace(pair[..equals]).ToString();
        string value = TrimWhitespace(pair[(equals + 1)..]).ToString();
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value) > MaxNameValueBytes)
        {
            return null;
        }

        var cookie = new ParsedSetCookie { Name = name, Value = value };
        ReadOnlySpan<char> rest = semicolon < 0 ? [] : text[(semicolon + 1)..];
        while (!rest.IsEmpty)
        {
            int next = rest.IndexOf(';');
            ReadOnlySpan<char> av = next < 0 ? rest : rest[..next];
            rest = next < 0 ? [] : rest[(next + 1)..];
            ApplyAttribute(cookie, av);
        }

        return cookie;
    }

    /// <summary>§5.2 step 3 onwards for one cookie-av; unknown attributes are ignored.</summary>
    private static void ApplyAttribute(ParsedSetCookie cookie, ReadOnlySpan<char> av)
    {
        int equals = av.IndexOf('=');
        ReadOnlySpan<char> name = TrimWhitespace(equals < 0 ? av : av[..equals]);
        ReadOnlySpan<char> value = equals < 0 ? [] : TrimWhitespace(av[(equals + 1)..]);
        if (Encoding.UTF8.GetByteCount(value) > MaxAttributeValueBytes)
        {
            return;
        }

        if (name.Equals("Expires", StringComparison.OrdinalIgnoreCase))
        {
            // §5.2.1: an unparsable date ignores the attribute.
            if (CookieDate.TryParse(value, out DateTimeOffset expires))
            {
                cookie.Expires = expires;
            }
        }
        else if (name.Equals("Max-Age", StringComparison.OrdinalIgnoreCase))
        {
            if (TryParseMaxAge(value, out long seconds))
            {
                cookie.MaxAge = seconds;
            }
        }
        else if (name.Equals("Domain", StringComparison.OrdinalIgnoreCase))
        {
            // §5.2.3: an empty value SHOULD be ignored; a leading dot is dropped.
            if (!value.IsEmpty)
            {
                ReadOnlySpan<char> domain = value[0] == '.' ? value[1..] : value;
                cookie.Domain = domain.ToString().ToLowerInvariant();
            }
        }
        else if (name.Equals("Path", StringComparison.OrdinalIgnoreCase))
        {
            // §5.2.4: an empty value or one not starting with '/' means the default-path.
            cookie.HasPathAttribute = true;
            cookie.Path = !value.IsEmpty && value[0] == '/' ? value.ToString() : null;
        }
        else if (name.Equals("Secure", StringComparison.OrdinalIgnoreCase))
        {
            cookie.Secure = true;
        }
        else if (name.Equals("HttpOnly", StringComparison.OrdinalIgnoreCase))
        {
            cookie.HttpOnly = true;
        }
        else if (name.Equals("SameSite", StringComparison.OrdinalIgnoreCase))
        {
            // rfc6265bis SameSite attribute processing: an unrecognised value leaves the enforcement at its default.
            cookie.SameSite = value switch
            {
                _ when value.Equals("None", StringComparison.OrdinalIgnoreCase) => CookieSameSite.None,
                _ when value.Equals("Lax", StringComparison.OrdinalIgnoreCase) => CookieSameSite.Lax,
                _ when value.Equals("Strict", StringComparison.OrdinalIgnoreCase) => CookieSameSite.Strict,
                _ => CookieSameSite.Unspecified,
            };
        }
    }

    /// <summary>§5.2.2: a '-' or a digit first, digits after; a huge value saturates instead of failing.</summary>
    private static bool TryParseMaxAge(ReadOnlySpan<char> value, out long seconds)
    {
        seconds = 0;
        if (value.IsEmpty)
        {
            return false;
        }

        bool negative = value[0] == '-';
        ReadOnlySpan<char> digits = negative ? value[1..] : value;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            seconds = seconds > (long.MaxValue - 9) / 10 ? long.MaxValue : (seconds * 10) + (c - '0');
        }

        if (negative)
        {
            seconds = -seconds;
        }

        return true;
    }

    /// <summary>Trims WSP (SP and HTAB), the only white space §5.2 removes.</summary>
    private static ReadOnlySpan<char> TrimWhitespace(ReadOnlySpan<char> text) => text.Trim(" \t");
}
