using System;
using System.Text;
using System.Text.Unicode;

namespace Reqivo.Protocol.Http1;

/// <summary>Turns field values and reason phrases read from the wire into strings.</summary>
internal static class FieldText
{
    /// <summary>
    /// Decodes <paramref name="bytes"/>: ASCII (nearly every value) takes the fast path; otherwise the bytes are
    /// read as UTF-8 when they are valid UTF-8 and as Latin-1 (ISO-8859-1, the historical charset of obs-text,
    /// RFC 9110 §5.5) when they are not, so no byte is ever lost or replaced.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        // Latin-1 maps every byte to the char of the same value, which for ASCII is the ASCII decoding
        // without a second validation pass.
        if (Ascii.IsValid(bytes))
        {
            return Encoding.Latin1.GetString(bytes);
        }

        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    /// <summary>Decodes a field name, which the caller has checked to be a token (so it is ASCII).</summary>
    public static string DecodeToken(ReadOnlySpan<byte> token) => Encoding.Latin1.GetString(token);
}
