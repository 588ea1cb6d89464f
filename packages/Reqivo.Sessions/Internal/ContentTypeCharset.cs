using System;
using System.Text;

namespace Reqivo.Internal;

/// <summary>Finds the text encoding named by the <c>charset</c> parameter of a media type (RFC 9110 §8.3.1).</summary>
internal static class ContentTypeCharset
{
    public static Encoding? GetEncoding(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (Range part in contentType.AsSpan().Split(';'))
        {
            ReadOnlySpan<char> parameter = contentType.AsSpan(part).Trim();
            if (!parameter.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string name = parameter["charset=".Length..].Trim().Trim('"').ToString();
            try
            {
                return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8 : Encoding.GetEncoding(name);
            }
            catch (ArgumentException)
            {
                // An unknown charset falls back to UTF-8, as browsers do for JSON and most text.
                return null;
            }
        }

        return null;
    }
}
