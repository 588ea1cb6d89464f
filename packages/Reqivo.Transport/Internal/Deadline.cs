using System;
using System.Diagnostics;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>A point in monotonic time by which an operation must finish, or none (infinite).</summary>
internal readonly struct Deadline
{
    private readonly long _timestamp;

    private Deadline(long timestamp) => _timestamp = timestamp;

    /// <summary>No deadline.</summary>
    public static Deadline Infinite => new(long.MaxValue);

    public bool IsInfinite => _timestamp == long.MaxValue;

    /// <summary>The time left, never negative; <see cref="Timeout.InfiniteTimeSpan"/> when there is no deadline.</summary>
    public TimeSpan Remaining => IsInfinite
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _timestamp).Ticks));

    public bool HasExpired => !IsInfinite && Stopwatch.GetTimestamp() >= _timestamp;

    /// <summary>A deadline <paramref name="timeout"/> from now (validated by <see cref="TimeoutValues"/>).</summary>
    public static Deadline After(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan
        ? Infinite
        : new Deadline(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency));
}
