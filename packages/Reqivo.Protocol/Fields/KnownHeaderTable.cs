using System;
using System.Collections.Generic;
using System.Text;

namespace Reqivo.Protocol;

/// <summary>
/// The fast path for well-known field names: a name read from the wire that matches one of these
/// (ignoring ASCII case) becomes the shared constant string instead of a new allocation.
/// </summary>
internal static class KnownHeaderTable
{
    private static readonly string[] Names =
    [
        HttpHeaderNames.Accept, HttpHeaderNames.AcceptEncoding, HttpHeaderNames.AcceptRanges, HttpHeaderNames.Age,
        HttpHeaderNames.Authorization, HttpHeaderNames.CacheControl, HttpHeaderNames.Connection,
        HttpHeaderNames.ContentDisposition, HttpHeaderNames.ContentEncoding, HttpHeaderNames.ContentLength,
        HttpHeaderNames.ContentType, HttpHeaderNames.Cookie, HttpHeaderNames.Date, HttpHeaderNames.ETag,
        HttpHeaderNames.Expect, HttpHeaderNames.Expires, HttpHeaderNames.Host, HttpHeaderNames.KeepAlive,
        HttpHeaderNames.LastModified, HttpHeaderNames.Link, HttpHeaderNames.Location,
        HttpHeaderNames.ProxyAuthenticate, HttpHeaderNames.ProxyAuthorization, HttpHeaderNames.RetryAfter,
        HttpHeaderNames.Server, HttpHeaderNames.SetCookie, HttpHeaderNames.TE, HttpHeaderNames.Trailer,
        HttpHeaderNames.TransferEncoding, HttpHeaderNames.Upgrade, HttpHeaderNames.UserAgent, HttpHeaderNames.Vary,
        HttpHeaderNames.Via, HttpHeaderNames.WwwAuthenticate, HttpHeaderNames.SecWebSocketAccept,
        HttpHeaderNames.SecWebSocketExtensions, HttpHeaderNames.SecWebSocketKey, HttpHeaderNames.SecWebSocketProtocol,
        HttpHeaderNames.SecWebSocketVersion,
        "Access-Control-Allow-Origin", "Content-Language", "Content-Range", "Content-Security-Policy", "Strict-Transport-Security",
        "X-Content-Type-Options", "X-Frame-Options", "Alt-Svc", "Pragma", "Referrer-Policy", "Allow",
    ];

    // Bucketed by length so a lookup compares against a handful of candidates at most.
    private static readonly (int Index, byte[] Utf8)[][] ByLength = BuildBuckets();

    /// <summary>The number of well-known names; indexes returned by <see cref="TryGetIndex"/> are below it.</summary>
    public static int Count => Names.Length;

    /// <summary>The canonical name at a position returned by <see cref="TryGetIndex"/>.</summary>
    public static string NameAt(int index) => Names[index];

    /// <summary>Finds the position of a well-known name in the table, ignoring ASCII case.</summary>
    public static bool TryGetIndex(ReadOnlySpan<byte> name, out int index)
    {
        if (name.Length < ByLength.Length)
        {
            foreach ((int candidate, byte[] utf8) in ByLength[name.Length])
            {
                if (Ascii.EqualsIgnoreCase(name, utf8))
                {
                    index = candidate;
                    return true;
                }
            }
        }

        index = -1;
        return false;
    }

    private static (int, byte[])[][] BuildBuckets()
    {
        int max = 0;
        foreach (string name in Names)
        {
            max = Math.Max(max, name.Length);
        }

        var buckets = new List<(int, byte[])>[max + 1];
        for (int i = 0; i < Names.Length; i++)
        {
            (buckets[Names[i].Length] ??= []).Add((i, Encoding.ASCII.GetBytes(Names[i])));
        }

        var result = new (int, byte[])[max + 1][];
        for (int length = 0; length <= max; length++)
        {
            result[length] = buckets[length]?.ToArray() ?? [];
        }

        return result;
    }
}
