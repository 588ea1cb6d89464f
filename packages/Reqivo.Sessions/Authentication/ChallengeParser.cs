using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Reqivo.Authentication;

/// <summary>
/// Reads challenges from a <c>WWW-Authenticate</c> field value (RFC 9110 §11.3, §11.2):
/// <code>
/// WWW-Authenticate = #challenge
/// challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
/// auth-param  = token BWS "=" BWS ( token / quoted-string )
/// token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
/// </code>
/// The comma is both the list separator between challenges and between the parameters of one challenge, so after each
/// comma the parser looks ahead: a token followed by <c>=</c> is another parameter, any other token starts the next
/// challenge.
/// </summary>
internal static class ChallengeParser
{
    public static void ParseInto(string value, List<AuthenticationChallenge> results)
    {
        int pos = 0;
        while (true)
        {
            SkipListSeparators(value, ref pos);
            if (pos >= value.Length)
            {
                return;
            }

            if (!TryReadToken(value, ref pos, out string? scheme))
            {
                return;
            }

            int spaces = SkipWhitespace(value, ref pos);
            if (pos >= value.Length || value[pos] == ',')
            {
                results.Add(new AuthenticationChallenge(scheme, null, null));
                continue;
            }

            // RFC 9110 §11.3: the scheme is separated from what follows by at least one space.
            if (spaces == 0)
            {
                return;
            }

            if (TryReadToken68(value, ref pos, out string? token68))
            {
                results.Add(new AuthenticationChallenge(scheme, token68, null));
                continue;
            }

            if (!TryReadParameters(value, ref pos, out Dictionary<string, string>? parameters, out bool repeated))
            {
                return;
            }

            // RFC 9110 §11.2: each parameter name MUST only occur once per challenge; such a challenge is not usable.
            if (!repeated)
            {
                results.Add(new AuthenticationChallenge(scheme, null, parameters));
            }
        }
    }

    private static bool TryReadParameters(
        string value, ref int pos, out Dictionary<string, string> parameters, out bool repeated)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        repeated = false;
        while (true)
        {
            if (!TryReadToken(value, ref pos, out string? name))
            {
                return false;
            }

            SkipWhitespace(value, ref pos);
            if (pos >= value.Length || value[pos] != '=')
            {
                return false;
            }

            pos++;
            SkipWhitespace(value, ref pos);
            string? parameterValue;
            if (!(pos < value.Length && value[pos] == '"'
                    ? TryReadQuotedString(value, ref pos, out parameterValue)
                    : TryReadToken(value, ref pos, out parameterValue)))
            {
                return false;
            }

            repeated |= !parameters.TryAdd(name, parameterValue);
            SkipWhitespace(value, ref pos);
            if (pos >= value.Length)
            {
                return true;
            }

            if (value[pos] != ',')
            {
                return false;
            }

            int next = pos;
            SkipListSeparators(value, ref next);
            pos = next;
            if (next >= value.Length || !StartsParameter(value, next))
            {
                return true;
            }
        }
    }

    private static bool StartsParameter(string value, int pos)
    {
        if (!TryReadToken(value, ref pos, out _))
        {
            return false;
        }

        SkipWhitespace(value, ref pos);
        return pos < value.Length && value[pos] == '=';
    }

    private static bool TryReadToken68(string value, ref int pos, [NotNullWhen(true)] out string? token68)
    {
        int end = pos;
        while (end < value.Length && IsToken68Char(value[end]))
        {
            end++;
        }

        if (end == pos)
        {
            token68 = null;
            return false;
        }

        while (end < value.Length && value[end] == '=')
        {
            end++;
        }

        int after = end;
        SkipWhitespace(value, ref after);
        if (after < value.Length && value[after] != ',')
        {
            token68 = null;
            return false;
        }

        token68 = value[pos..end];
        pos = after;
        return true;
    }

    private static bool TryReadToken(string value, ref int pos, [NotNullWhen(true)] out string? token)
    {
        int end = pos;
        while (end < value.Length && IsTokenChar(value[end]))
        {
            end++;
        }

        token = end > pos ? value[pos..end] : null;
        pos = end;
        return token is not null;
    }

    // RFC 9110 §5.6.4: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ).
    private static bool TryReadQuotedString(string value, ref int pos, [NotNullWhen(true)] out string? text)
    {
        var builder = new StringBuilder();
        int i = pos + 1;
        while (i < value.Length)
        {
            char c = value[i];
            if (c == '"')
            {
                text = builder.ToString();
                pos = i + 1;
                return true;
            }

            if (c == '\\')
            {
                if (i + 1 >= value.Length || !IsQuotedPairChar(value[i + 1]))
                {
                    break;
                }

                builder.Append(value[i + 1]);
                i += 2;
                continue;
            }

            if (!IsQuotedTextChar(c))
            {
                break;
            }

            builder.Append(c);
            i++;
        }

        text = null;
        return false;
    }

    private static void SkipListSeparators(string value, ref int pos)
    {
        while (pos < value.Length && (value[pos] is ',' or ' ' or '\t'))
        {
            pos++;
        }
    }

    private static int SkipWhitespace(string value, ref int pos)
    {
        int start = pos;
        while (pos < value.Length && (value[pos] is ' ' or '\t'))
        {
            pos++;
        }

        return pos - start;
    }

    // RFC 9110 §5.6.2: tchar.
    internal static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    // RFC 9110 §11.2: token68 characters before the trailing "=" padding.
    internal static bool IsToken68Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/';

    private static bool IsQuotedTextChar(char c) => c is '\t' or ' ' or '!' || (c >= '#' && c <= '[') || (c >= ']' && c <= '~') || c >= '\u0080';

    private static bool IsQuotedPairChar(char c) => c is '\t' or ' ' || (c >= '!' && c <= '~') || c >= '\u0080';
}
