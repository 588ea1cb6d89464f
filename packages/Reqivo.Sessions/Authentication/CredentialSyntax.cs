using System;
using System.Text;

namespace Reqivo.Authentication;

/// <summary>Small syntax helpers shared by the authenticators.</summary>
internal static class CredentialSyntax
{
    public const string AuthorizationField = "Authorization";

    /// <summary>Whether <paramref name="text"/> holds a control character (RFC 5234 CTL: %x00-1F / %x7F).</summary>
    public static bool HasControl(string text)
    {
        foreach (char c in text)
        {
            if (c < ' ' || c == '\u007F')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <paramref name="text"/> as an RFC 9110 §5.6.4 quoted-string, escaping <c>"</c> and <c>\</c>.</summary>
    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    /// <summary>Whether <paramref name="text"/> can be sent inside a quoted-string as plain ASCII (printable, no controls).</summary>
    public static bool IsPrintableAscii(string text)
    {
        foreach (char c in text)
        {
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Encodes <paramref name="text"/> as an RFC 8187 ext-value in UTF-8 (<c>UTF-8''J%C3%A4s%C3%B8n%20Doe</c>), the form of
    /// Digest's <c>username*</c> parameter (RFC 7616 §3.4).
    /// </summary>
    public static string EncodeExtValue(string text)
    {
        var builder = new StringBuilder("UTF-8''");
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            // RFC 8187 §3.2.1: attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
            // Every attr-char is ASCII, so the bytes of a multi-byte UTF-8 sequence always take the percent branch.
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="token"/> is an RFC 6750 §2.1 b64token (the token68 syntax of RFC 9110 §11.2).</summary>
    public static bool IsToken68(string token)
    {
        int end = 0;
        while (end < token.Length && ChallengeParser.IsToken68Char(token[end]))
        {
            end++;
        }

        if (end == 0)
        {
            return false;
        }

        while (end < token.Length && token[end] == '=')
        {
            end++;
        }

        return end == token.Length;
    }
}
