using System;
using System.Collections.Generic;

namespace Reqivo.Content;

/// <summary>The content codings this client can decode.</summary>
internal enum ContentCoding
{
    /// <summary>RFC 9110 §8.4.1.3: gzip (RFC 1952); <c>x-gzip</c> is the same coding.</summary>
    Gzip,

    /// <summary>RFC 9110 §8.4.1.2: zlib-wrapped deflate (RFC 1950), or raw deflate (RFC 1951) as some servers send it.</summary>
    Deflate,

    /// <summary>RFC 7932: Brotli.</summary>
    Brotli,
}

/// <summary>Parses a Content-Encoding field value into the codings to undo, in the order they must be undone.</summary>
internal static class ContentCodingList
{
    /// <summary>
    /// Reads a Content-Encoding value. Returns false when a coding is not one this client decodes; then the body must be
    /// left as it is. On success, <paramref name="decodeOrder"/> lists the codings last-applied first (RFC 9110 §8.4:
    /// codings are listed in the order they were applied), without <c>identity</c>; it is empty when nothing is to undo.
    /// </summary>
    public static bool TryParse(string? contentEncoding, out ContentCoding[] decodeOrder)
    {
        decodeOrder = [];
        if (string.IsNullOrWhiteSpace(contentEncoding))
        {
            return true;
        }

        var applied = new List<ContentCoding>(2);
        foreach (Range range in contentEncoding.AsSpan().Split(','))
        {
            ReadOnlySpan<char> name = contentEncoding.AsSpan(range).Trim(" \t");
            if (name.IsEmpty || name.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 9110 §5.6.1: empty list elements are ignored; identity means no transformation.
                continue;
            }

            if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                applied.Add(ContentCoding.Gzip);
            }
            else if (name.Equals("deflate", StringComparison.OrdinalIgnoreCase))
            {
                applied.Add(ContentCoding.Deflate);
            }
            else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                applied.Add(ContentCoding.Brotli);
            }
            else
            {
                return false;
            }
        }

        applied.Reverse();
        decodeOrder = applied.ToArray();
        return true;
    }

    /// <summary>The coding's token, for messages.</summary>
    public static string NameOf(ContentCoding coding) => coding switch
    {
        ContentCoding.Gzip => "gzip",
        ContentCoding.Deflate => "deflate",
        _ => "br",
    };
}
