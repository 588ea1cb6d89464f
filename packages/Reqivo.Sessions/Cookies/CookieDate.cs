using System;

namespace Reqivo.Cookies;

/// <summary>
/// The cookie-date algorithm of RFC 6265 §5.1.1: a lenient scan that accepts every date format servers are known to
/// send (IMF-fixdate, RFC 850, asctime and their many variants) by looking for a time, a day of month, a month and a
/// year among the date's tokens, in any order.
/// </summary>
internal static class CookieDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Parses a cookie-date; false when a component is missing or out of range (§5.1.1 step 5).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;

        // §5.1.1 step 1-2: split into date-tokens at delimiters, then try each production in turn.
        int position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && IsDelimiter(text[position]))
            {
                position++;
            }

            int start = position;
            while (position < text.Length && !IsDelimiter(text[position]))
            {
                position++;
            }

            ReadOnlySpan<char> token = text[start..position];
            if (token.IsEmpty)
            {
                break;
            }

            if (hour < 0 && TryTime(token, out int h, out int m, out int s))
            {
                (hour, minute, second) = (h, m, s);
            }
            else if (day < 0 && TryDigits(token, 1, 2, out int d))
            {
                day = d;
            }
            else if (month < 0 && TryMonth(token, out int mo))
            {
                month = mo;
            }
            else if (year < 0 && TryDigits(token, 2, 4, out int y))
            {
                year = y;
            }
        }

        // §5.1.1 steps 3-4: two-digit years.
        if (year is >= 70 and <= 99)
        {
            year += 1900;
        }
        else if (year is >= 0 and <= 69)
        {
            year += 2000;
        }

        // §5.1.1 step 5: every component found and in range.
        if (day < 1 || day > 31 || month < 1 || year < 1601 || hour < 0 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // §5.1.1 step 6: a day that does not exist in that month fails.
        if (day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    // delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
    private static bool IsDelimiter(char c) =>
        c == '\t' || c is (>= ' ' and <= '/') or (>= ';' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    /// <summary>hms-time = time-field ":" time-field ":" time-field, time-field = 1*2DIGIT, then ( non-digit *OCTET ).</summary>
    private static bool TryTime(ReadOnlySpan<char> token, out int hour, out int minute, out int second)
    {
        minute = second = 0;
        int position = 0;
        return TryField(token, ref position, out hour) && Colon(token, ref position)
            && TryField(token, ref position, out minute) && Colon(token, ref position)
            && TryField(token, ref position, out second)
            && (position == token.Length || !char.IsAsciiDigit(token[position]));
    }

    private static bool TryField(ReadOnlySpan<char> token, ref int position, out int value)
    {
        value = 0;
        int start = position;
        while (position < token.Length && position - start < 2 && char.IsAsciiDigit(token[position]))
        {
            value = (value * 10) + (token[position++] - '0');
        }

        return position > start;
    }

    private static bool Colon(ReadOnlySpan<char> token, ref int position)
    {
        if (position < token.Length && token[position] == ':')
        {
            position++;
            return true;
        }

        return false;
    }

    /// <summary><paramref name="min"/>*<paramref name="max"/>DIGIT followed by nothing or a non-digit and anything.</summary>
    private static bool TryDigits(ReadOnlySpan<char> token, int min, int max, out int value)
    {
        value = 0;
        int count = 0;
        while (count < token.Length && char.IsAsciiDigit(token[count]))
        {
            if (++count > max)
            {
                return false;
            }

            value = (value * 10) + (token[count - 1] - '0');
        }

        return count >= min;
    }

    /// <summary>month = ( "jan" / ... / "dec" ) *OCTET, case-insensitive.</summary>
    private static bool TryMonth(ReadOnlySpan<char> token, out int month)
    {
        month = 0;
        if (token.Length < 3)
        {
            return false;
        }

        for (int i = 0; i < Months.Length; i++)
        {
            if (token[..3].Equals(Months[i], StringComparison.OrdinalIgnoreCase))
            {
                month = i + 1;
                return true;
            }
        }

        return false;
    }
}
