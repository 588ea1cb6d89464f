using System;
using System.Buffers;

namespace Reqivo.Protocol.Http1;

/// <summary>The character rules every request-target obeys, whatever its form.</summary>
internal static class RequestTargetSyntax
{
    // Visible ASCII (0x21-0x7E) except '#': a request-target carries no fragment (RFC 9112 §3.2), and
    // SP, controls and DEL would let a caller split the request line or inject a second request.
    private static readonly SearchValues<char> AllowedChars = SearchValues.Create(CreateAllowed());

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first character a request-target may not hold.</summary>
    public static void ValidateCharacters(string target, string paramName)
    {
        int bad = target.AsSpan().IndexOfAnyExcept(AllowedChars);
        if (bad < 0)
        {
            return;
        }

        char c = target[bad];
        string problem = c switch
        {
            '#' => "a fragment ('#') is never sent: it is local to the client (RFC 9112 §3.2)",
            ' ' => "a space would end the request-target (RFC 9112 §3); percent-encode it as %20",
            > '\u007F' => "non-ASCII characters must be percent-encoded as UTF-8 octets first (RFC 3986 §2.1, §2.5)",
            _ => $"the control character 0x{(int)c:X2} is not allowed (RFC 9112 §3.2)",
        };
        throw new ArgumentException($"The request-target '{FieldSyntax.Printable(target)}' is invalid at index {bad}: {problem}.", paramName);
    }

    private static string CreateAllowed()
    {
        Span<char> chars = stackalloc char[0x7F - 0x21];
        int n = 0;
        for (char c = '!'; c < '\u007F'; c++)
        {
            if (c != '#')
            {
                chars[n++] = c;
            }
        }

        return chars[..n].ToString();
    }
}
