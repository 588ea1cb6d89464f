using System;
using System.Numerics;
using System.Text;

namespace Reqivo.Protocol.Http1;

/// <summary>Byte counts of what the HTTP/1.1 writers emit, computed before anything is written.</summary>
internal static class WireText
{
    /// <summary>
    /// UTF-8 that refuses unpaired surrogates instead of silently replacing them with U+FFFD: a value must
    /// be sent as given or not at all.
    /// </summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The length of <c>name ": " value CRLF</c>, with the value encoded as UTF-8.</summary>
    /// <exception cref="ArgumentException">The value holds an unpaired surrogate.</exception>
    public static long FieldLineLength(HttpField field, string paramName) =>
        field.Name.Length + 2L + Utf8Length(field, paramName) + 2L;

    /// <summary>The number of decimal digits of a non-negative number.</summary>
    public static int DecimalLength(long value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>The number of hexadecimal digits of a number (1 for 0).</summary>
    public static int HexLength(ulong value) => value == 0 ? 1 : (64 - BitOperations.LeadingZeroCount(value) + 3) / 4;

    private static int Utf8Length(HttpField field, string paramName)
    {
        try
        {
            return StrictUtf8.GetByteCount(field.Value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException(
                $"The value of field '{field.Name}' holds an unpaired surrogate at index {e.Index}, which has no UTF-8 encoding.",
                paramName,
                e);
        }
    }
}
