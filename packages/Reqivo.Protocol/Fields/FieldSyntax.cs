using System;
using System.Buffers;

namespace Reqivo.Protocol;

/// <summary>
/// The character classes of RFC 9110 §5 that field names, values and methods are checked against.
/// Both the <see cref="string"/> forms (caller input) and the byte forms (peer input) live here so the two
/// can never disagree.
/// </summary>
internal static class FieldSyntax
{
    // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private const string TokenCharacters =
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly SearchValues<char> TokenChars = SearchValues.Create(TokenCharacters);
    private static readonly SearchValues<byte> TokenBytes = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // RFC 9110 §5.5: a field value is VCHAR, obs-text, SP and HTAB. Every other control character
    // (NUL, CR, LF and the rest of 0x00-0x1F, and DEL) is what makes header injection possible.
    private static readonly SearchValues<char> InvalidValueChars = SearchValues.Create(CreateControls());
    private static readonly SearchValues<byte> InvalidValueBytes = SearchValues.Create(CreateControlBytes());

    /// <summary>Whether <paramref name="value"/> is a non-empty token.</summary>
    public static bool IsToken(ReadOnlySpan<char> value) =>
        !value.IsEmpty && !value.ContainsAnyExcept(TokenChars);

    /// <summary>Whether <paramref name="value"/> is a non-empty token.</summary>
    public static bool IsToken(ReadOnlySpan<byte> value) =>
        !value.IsEmpty && !value.ContainsAnyExcept(TokenBytes);

    /// <summary>The index of the first character not allowed in a field value, or -1.</summary>
    public static int IndexOfInvalidValueChar(ReadOnlySpan<char> value) => value.IndexOfAny(InvalidValueChars);

    /// <summary>The index of the first byte not allowed in a field value, or -1.</summary>
    public static int IndexOfInvalidValueByte(ReadOnlySpan<byte> value) => value.IndexOfAny(InvalidValueBytes);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when <paramref name="name"/> is not a token.</summary>
    public static void ValidateName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!IsToken(name))
        {
            throw new ArgumentException($"'{Printable(name)}' is not a valid field name: a field name is a non-empty token (RFC 9110 §5.1).", paramName);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when <paramref name="value"/> holds a control character.</summary>
    public static void ValidateValue(string name, string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        int bad = IndexOfInvalidValueChar(value);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The value of field '{name}' contains the control character 0x{(int)value[bad]:X2} at index {bad}; CR, LF, NUL and other controls are not allowed in field values (RFC 9110 §5.5).",
                paramName);
        }
    }

    /// <summary>Makes caller input safe to quote in an exception message.</summary>
    public static string Printable(string text)
    {
        const int MaxLength = 64;
        Span<char> buffer = stackalloc char[Math.Min(text.Length, MaxLength)];
        for (int i = 0; i < buffer.Length; i++)
        {
            char c = text[i];
            buffer[i] = c < 0x20 || c == 0x7F ? '?' : c;
        }

        return text.Length > MaxLength ? string.Concat(buffer, "…") : buffer.ToString();
    }

    private static string CreateControls()
    {
        Span<char> controls = stackalloc char[32];
        int n = 0;
        for (char c = '\0'; c < ' '; c++)
        {
            if (c != '\t')
            {
                controls[n++] = c;
            }
        }

        controls[n++] = (char)0x7F;
        return controls[..n].ToString();
    }

    private static byte[] CreateControlBytes()
    {
        string controls = CreateControls();
        byte[] bytes = new byte[controls.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)controls[i];
        }

        return bytes;
    }
}
