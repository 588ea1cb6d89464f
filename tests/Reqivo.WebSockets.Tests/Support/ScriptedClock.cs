using System;
using System.Collections.Generic;
using System.Threading;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> for the client's timers and budgets: it records every timer's due time and fires
/// one-shot timers at once on the thread pool (so a backoff of an hour takes no time), and each
/// <see cref="GetTimestamp"/> advances the clock by <see cref="StepPerReading"/>. With <see cref="HoldOneShotTimers"/>
/// set, one-shot timers wait instead until <see cref="FireHeld"/>.
/// </summary>
internal sealed class ScriptedClock : TimeProvider
{
    private readonly List<TimeSpan> _dueTimes = [];
    private readonly List<Action> _held = [];
    private long _now;

    /// <summary>Keeps one-shot timers from firing until <see cref="FireHeld"/> is called.</summary>
    public bool HoldOneShotTimers { get; init; }

    /// <summary>How many one-shot timers are waiting for <see cref="FireHeld"/>.</summary>
    public int HeldCount
    {
        get
        {
            lock (_dueTimes)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Fires every held one-shot timer (on the thread pool).</summary>
    public void FireHeld()
    {
        Action[] due;
        lock (_dueTimes)
        {
            due = [.. _held];
            _held.Clear();
        }

        foreach (Action fire in due)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => fire(), null);
        }
    }

    /// <summary>How far each reading of the clock moves it (zero: the clock stands still).</summary>
    public TimeSpan StepPerReading { get; init; }

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_dueTimes)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _now, StepPerReading.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        bool oneShot = dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan;
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
            if (oneShot && HoldOneShotTimers)
            {
                _held.Add(() => callback(state));
                return new InertTimer();
            }
        }

        if (oneShot)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public System.Threading.Tasks.ValueTask DisposeAsync() => default;
    }
}
