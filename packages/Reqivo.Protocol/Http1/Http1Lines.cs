using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Finds line-delimited elements (status line, field lines, chunk-size lines) in the caller's input while
/// enforcing a byte budget before a line is complete, so a peer that never sends LF fails as soon as it has
/// sent more than the limit allows instead of making the caller buffer without bound.
/// </summary>
internal static class Http1Lines
{
    public const byte CR = (byte)'\r';
    public const byte LF = (byte)'\n';
    public const byte SP = (byte)' ';
    public const byte HTAB = (byte)'\t';

    /// <summary>
    /// The length of the first line of <paramref name="input"/> including its LF, or -1 when <paramref name="input"/>
    /// holds no LF yet.
    /// </summary>
    /// <param name="input">The unconsumed input, starting at the line.</param>
    /// <param name="budget">How many bytes the line may take, terminator included (may be zero or less when a section has none left).</param>
    /// <param name="limitName">The name of the limit property the budget comes from.</param>
    /// <param name="limit">The value of that limit.</param>
    /// <param name="what">What the limit bounds, for the exception message.</param>
    /// <exception cref="ProtocolLimitExceededException">The line cannot end within the budget.</exception>
    public static int FindLineLength(ReadOnlySpan<byte> input, int budget, string limitName, int limit, string what)
    {
        int searched = Math.Clamp(budget, 0, input.Length);
        int lf = input[..searched].IndexOf(LF);
        if (lf >= 0)
        {
            return lf + 1;
        }

        // No LF within the first `searched` bytes. If the input already holds `budget` bytes, the line needs at
        // least budget + 1: fail now, whatever the next bytes are.
        if (input.Length >= budget)
        {
            throw new ProtocolLimitExceededException(limitName, limit, what);
        }

        return -1;
    }

    /// <summary>
    /// The content of a line found by <see cref="FindLineLength"/>, without its terminator. RFC 9112 §2.2: the
    /// terminator is CRLF, and a recipient MAY accept a bare LF (we do, for the start line and fields); a CR
    /// anywhere else is a bare CR, which a recipient MUST either reject or replace, and we reject it.
    /// </summary>
    /// <exception cref="ProtocolException">The line holds a CR not followed by LF.</exception>
    public static ReadOnlySpan<byte> Content(ReadOnlySpan<byte> lineWithLf)
    {
        ReadOnlySpan<byte> content = lineWithLf[..^1];
        if (!content.IsEmpty && content[^1] == CR)
        {
            content = content[..^1];
        }

        ThrowIfBareCarriageReturn(content);
        return content;
    }

    /// <summary>Throws <see cref="ProtocolError.BareCarriageReturn"/> when <paramref name="content"/> holds a CR.</summary>
    public static void ThrowIfBareCarriageReturn(ReadOnlySpan<byte> content)
    {
        if (content.Contains(CR))
        {
            throw new ProtocolException(ProtocolError.BareCarriageReturn, "A line holds a CR that is not followed by LF (RFC 9112 §2.2).");
        }
    }

    /// <summary>Removes optional whitespace (SP and HTAB, RFC 9110 §5.6.3) from both ends.</summary>
    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);

    /// <summary>Whether <paramref name="value"/> is SP or HTAB.</summary>
    public static bool IsWhitespace(byte value) => value is SP or HTAB;
}
