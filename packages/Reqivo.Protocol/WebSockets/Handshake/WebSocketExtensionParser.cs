using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Parses Sec-WebSocket-Extensions field values (RFC 6455 §9.1):
/// <code>
/// extension-list  = 1#extension
/// extension       = extension-token *( ";" extension-param )
/// extension-param = token [ "=" ( token | quoted-string ) ]   ; a quoted value must be a token once unescaped
/// </code>
/// with optional whitespace around every separator. Empty list elements are skipped (RFC 9110 §5.6.1). The input is
/// the peer's: counts are bounded and every failure is a <see cref="FormatException"/> that says where it went wrong.
/// </summary>
public static class WebSocketExtensionParser
{
    /// <summary>The most extensions one response may list.</summary>
    public const int MaxExtensions = 16;

    /// <summary>The most parameters one extension may carry.</summary>
    public const int MaxParameters = 16;

    /// <summary>Parses one field value.</summary>
    /// <param name="value">The field value.</param>
    /// <returns>The extensions in the order they appear.</returns>
    /// <exception cref="FormatException">The value does not follow the grammar or exceeds a limit.</exception>
    public static IReadOnlyList<WebSocketExtension> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var extensions = new List<WebSocketExtension>();
        ParseInto(value, extensions);
        return extensions;
    }

    /// <summary>Parses every line of a field that may be repeated, as one list (RFC 9110 §5.3).</summary>
    /// <param name="values">The field values in the order received.</param>
    /// <returns>The extensions of all lines, in order.</returns>
    /// <exception cref="FormatException">A value does not follow the grammar, or the lines together exceed a limit.</exception>
    public static IReadOnlyList<WebSocketExtension> Parse(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var extensions = new List<WebSocketExtension>();
        foreach (string value in values)
        {
            ParseInto(value, extensions);
        }

        return extensions;
    }

    private static void ParseInto(string text, List<WebSocketExtension> extensions)
    {
        int i = 0;
        while (true)
        {
            SkipWhitespace(text, ref i);
            if (i == text.Length)
            {
                return;
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            string name = ReadToken(text, ref i, "an extension token");
            var parameters = new List<WebSocketExtensionParameter>();
            SkipWhitespace(text, ref i);
            while (i < text.Length && text[i] == ';')
            {
                i++;
                SkipWhitespace(text, ref i);
                string parameterName = ReadToken(text, ref i, "a parameter name");
                string? parameterValue = null;
                SkipWhitespace(text, ref i);
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                    SkipWhitespace(text, ref i);
                    parameterValue = i < text.Length && text[i] == '"'
                        ? ReadQuotedToken(text, ref i)
                        : ReadToken(text, ref i, "a parameter value");
                    SkipWhitespace(text, ref i);
                }

                if (parameters.Count == MaxParameters)
                {
                    throw Fail(text, i, $"more than {MaxParameters} parameters on one extension");
                }

                parameters.Add(new WebSocketExtensionParameter(parameterName, parameterValue));
            }

            if (i < text.Length && text[i] != ',')
            {
                throw Fail(text, i, "expected ',' or ';'");
            }

            if (extensions.Count == MaxExtensions)
            {
                throw Fail(text, i, $"more than {MaxExtensions} extensions");
            }

            extensions.Add(new WebSocketExtension(name, parameters));
        }
    }

    private static string ReadToken(string text, ref int i, string what)
    {
        int start = i;
        while (i < text.Length && FieldSyntax.IsToken(text.AsSpan(i, 1)))
        {
            i++;
        }

        if (i == start)
        {
            throw Fail(text, i, "expected " + what);
        }

        return text.Substring(start, i - start);
    }

    // RFC 9110 §5.6.4: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; RFC 6455 §9.1 then requires the
    // unescaped content to be a token.
    private static string ReadQuotedToken(string text, ref int i)
    {
        int open = i;
        i++;
        var content = new StringBuilder();
        while (true)
        {
            if (i == text.Length)
            {
                throw Fail(text, open, "an unterminated quoted-string");
            }

            char c = text[i++];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                if (i == text.Length)
                {
                    throw Fail(text, open, "an unterminated quoted-string");
                }

                c = text[i++];
            }

            content.Append(c);
        }

        string value = content.ToString();
        if (!FieldSyntax.IsToken(value))
        {
            throw Fail(text, open, "a quoted parameter value that is not a token (RFC 6455 §9.1)");
        }

        return value;
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }
    }

    private static FormatException Fail(string text, int position, string what)
    {
        string at = position < text.Length
            ? string.Create(CultureInfo.InvariantCulture, $"at index {position} ('{FieldSyntax.Printable(text[position].ToString())}')")
            : "at the end";
        return new FormatException($"Invalid Sec-WebSocket-Extensions value {at}: {what}.");
    }
}
