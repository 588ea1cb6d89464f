using System;
using System.Buffers;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>
/// Bytes on the wire as strings: one char per octet (Latin-1), so a case can write <c>"\r\n"</c> or
/// <c>"\u00E9"</c> and mean exactly the octets 0D 0A or E9.
/// </summary>
internal static class Wire
{
    /// <summary>The octets of <paramref name="text"/>, one per char; every char must be below U+0100.</summary>
    public static byte[] Bytes(string text)
    {
        foreach (char c in text)
        {
            if (c > '\u00FF')
            {
                throw new ArgumentException($"'{c}' is not one octet; write octets as \\u0000-\\u00FF.", nameof(text));
            }
        }

        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>The octets as a string, one char per octet.</summary>
    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>The request head the writer produces for <paramref name="head"/>.</summary>
    public static string Write(Http1RequestHead head) => Capture(output => Http1RequestWriter.Write(head, output));

    /// <summary>What <paramref name="write"/> puts into a fresh buffer.</summary>
    public static string Capture(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Text(output.WrittenSpan);
    }

    /// <summary>Shows control octets as escapes, for failure messages.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' or (>= '\u007F' and <= '\u00FF') => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
