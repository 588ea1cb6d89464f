using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace Reqivo;

/// <summary>
/// Name/value pairs for the query component of a URL, kept in the order added (a name may repeat). Names and
/// values are encoded as UTF-8 and every octet outside RFC 3986 <c>unreserved</c> (letters, digits,
/// <c>-._~</c>) is percent-encoded, so <c>&amp;</c>, <c>=</c>, <c>+</c>, <c>#</c> and space (as <c>%20</c>) can
/// never change the structure of the query.
/// </summary>
public sealed class QueryParameters : IReadOnlyList<KeyValuePair<string, string?>>
{
    private readonly List<KeyValuePair<string, string?>> _pairs = [];

    /// <summary>The number of parameters.</summary>
    public int Count => _pairs.Count;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    /// <param name="index">The position, in the order added.</param>
    public KeyValuePair<string, string?> this[int index] => _pairs[index];

    /// <summary>Adds a parameter (after any of the same name).</summary>
    /// <param name="name">The name (not yet encoded).</param>
    /// <param name="value">The value (not yet encoded), or null for a name without <c>=</c>.</param>
    /// <returns>This collection, for chaining.</returns>
    public QueryParameters Add(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _pairs.Add(new KeyValuePair<string, string?>(name, value));
        return this;
    }

    /// <summary>Removes every parameter.</summary>
    public void Clear() => _pairs.Clear();

    /// <summary>The encoded query, such as <c>q=a%20b&amp;page=2</c>, without the leading <c>?</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, string?> pair in _pairs)
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }

            AppendEncoded(text, pair.Key);
            if (pair.Value is not null)
            {
                text.Append('=');
                AppendEncoded(text, pair.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>Percent-encodes text as UTF-8 for a query name or value: every octet outside <c>unreserved</c> becomes %XX.</summary>
    /// <param name="text">The text.</param>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        AppendEncoded(result, text);
        return result.ToString();
    }

    /// <summary>Enumerates the parameters in the order added.</summary>
    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void AppendEncoded(StringBuilder result, string text)
    {
        // RFC 3986 §2.1, §2.3: unreserved characters stay, every other octet of the UTF-8 form is %HH (upper-case).
        // A lone surrogate cannot be encoded as UTF-8: the strict encoder refuses it rather than send U+FFFD.
        byte[] bytes = StrictUtf8.GetBytes(text);
        foreach (byte b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                result.Append((char)b);
            }
            else
            {
                result.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
