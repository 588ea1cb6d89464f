using System;
using System.Threading;

namespace Reqivo.Internal;

/// <summary>
/// The time limits of one exchange: the per-operation read and write timeouts, capped by what is left of the
/// total timeout. The connection asks it before each read or write; when the cap came from the total timeout, a
/// resulting read or write timeout is reported as a <see cref="TotalTimeoutException"/>.
/// </summary>
internal readonly struct ExchangeBudget
{
    private readonly Timeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly long _start;

    public ExchangeBudget(Timeouts timeouts, TimeProvider time)
    {
        _timeouts = timeouts;
        _time = time;
        _start = time.GetTimestamp();
    }

    public Timeouts Timeouts => _timeouts;

    public bool HasTotal => _timeouts.Total != Timeout.InfiniteTimeSpan;

    /// <summary>The timeout for the next read and whether it is the total timeout's remainder.</summary>
    public (TimeSpan Timeout, bool IsTotal) ForRead() => Cap(_timeouts.Read);

    /// <summary>The timeout for the next write and whether it is the total timeout's remainder.</summary>
    public (TimeSpan Timeout, bool IsTotal) ForWrite() => Cap(_timeouts.Write);

    /// <summary>The timeout for a wait of the given limit (pool, connect), capped by the total.</summary>
    public (TimeSpan Timeout, bool IsTotal) Cap(TimeSpan limit)
    {
        if (!HasTotal)
        {
            return (limit, false);
        }

        TimeSpan remaining = _timeouts.Total - _time.GetElapsedTime(_start);
        if (remaining <= TimeSpan.Zero)
        {
            // Leave a token millisecond so the operation fails at once with a timeout that maps to the total.
            return (TimeSpan.FromMilliseconds(1), true);
        }

        return limit == Timeout.InfiniteTimeSpan || remaining < limit ? (remaining, true) : (limit, false);
    }

    /// <summary>Whether the total timeout has run out.</summary>
    public bool TotalExpired => HasTotal && _time.GetElapsedTime(_start) >= _timeouts.Total;
}
