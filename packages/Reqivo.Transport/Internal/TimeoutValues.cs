using System;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>Validation and conversion of the timeouts accepted by the public API.</summary>
internal static class TimeoutValues
{
    /// <summary>Accepts <see cref="Timeout.InfiniteTimeSpan"/> or a positive span of at most <see cref="int.MaxValue"/> milliseconds.</summary>
    public static TimeSpan Validate(TimeSpan timeout, string paramName)
    {
        if (timeout != Timeout.InfiniteTimeSpan && (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(paramName, timeout, "A timeout must be positive (at most int.MaxValue ms) or Timeout.InfiniteTimeSpan.");
        }

        return timeout;
    }

    /// <summary>
    /// Milliseconds for socket options, rounded up so a short timeout never becomes 0 (which sockets read as
    /// "infinite"); 0 for infinite.
    /// </summary>
    public static int ToSocketMilliseconds(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan
        ? 0
        : (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);

    /// <summary>The <see cref="System.IO.Stream.ReadTimeout"/> convention: milliseconds, <see cref="Timeout.Infinite"/> for none.</summary>
    public static int ToStreamMilliseconds(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan
        ? Timeout.Infinite
        : ToSocketMilliseconds(timeout);

    /// <summary>Converts the <see cref="System.IO.Stream.ReadTimeout"/> convention back (0 and <see cref="Timeout.Infinite"/> mean none).</summary>
    public static TimeSpan FromStreamMilliseconds(int milliseconds, string paramName)
    {
        if (milliseconds is 0 or Timeout.Infinite)
        {
            return Timeout.InfiniteTimeSpan;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, paramName);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
