using System;
using System.Globalization;

namespace Reqivo.Retries;

/// <summary>Reads <c>Retry-After</c> (RFC 9110 §10.2.3): <c>HTTP-date / delay-seconds</c>.</summary>
internal static class RetryAfter
{
    // RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must still accept.
    private static readonly string[] HttpDateFormats =
    [
        "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        "dddd, dd-MMM-yy HH':'mm':'ss 'GMT'",
        "ddd MMM d HH':'mm':'ss yyyy",
        "ddd MMM dd HH':'mm':'ss yyyy",
    ];

    /// <summary>The wait the value asks for from <paramref name="now"/> (zero for a date in the past), or null when it is not valid.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        value = value.Trim();
        if (value.Length > 0 && IsAllDigits(value))
        {
            // delay-seconds = 1*DIGIT; an absurdly large value still means "a long time", not an error.
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds / 2
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.MaxValue;
        }

        // asctime pads a one-digit day with a space; collapse it so one format fits both.
        string normalized = value.Replace("  ", " ", StringComparison.Ordinal);
        if (DateTimeOffset.TryParseExact(normalized, HttpDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool IsAllDigits(string value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
