using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace Reqivo.Bodies;

/// <summary>
/// The WHATWG URL Standard's application/x-www-form-urlencoded serializer (§5.2): names and values encoded as UTF-8,
/// every byte percent-encoded except ASCII alphanumerics and <c>*-._</c>, a space written as <c>+</c>, pairs joined
/// with <c>&amp;</c> and each name and value joined with <c>=</c>.
/// </summary>
internal static class FormUrlEncoder
{
    private static readonly SearchValues<byte> Unreserved =
        SearchValues.Create("*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var output = new ArrayBufferWriter<byte>(256);
        bool first = true;
        foreach ((string name, string value) in fields)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(fields));
            ArgumentNullException.ThrowIfNull(value, nameof(fields));
            if (!first)
            {
                output.Write("&"u8);
            }

            first = false;
            Append(output, name);
            output.Write("="u8);
            Append(output, value);
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Append(ArrayBufferWriter<byte> output, string text)
    {
        // UTF-8 encoding replaces lone surrogates with U+FFFD, as the WHATWG "UTF-8 encode" of a scalar value string does.
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        foreach (byte b in utf8)
        {
            if (Unreserved.Contains(b))
            {
                output.Write([b]);
            }
            else if (b == (byte)' ')
            {
                output.Write("+"u8);
            }
            else
            {
                Span<byte> escaped = output.GetSpan(3);
                escaped[0] = (byte)'%';
                escaped[1] = (byte)"0123456789ABCDEF"[b >> 4];
                escaped[2] = (byte)"0123456789ABCDEF"[b & 0xF];
                output.Advance(3);
            }
        }
    }
}
