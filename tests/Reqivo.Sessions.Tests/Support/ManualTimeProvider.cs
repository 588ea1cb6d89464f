using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>
/// A clock whose wall time and timers move only when a test calls <see cref="Advance"/>. Timestamps (used by the
/// exchange's timeouts) stay real. A test waits for the timer it expects with <see cref="WaitForTimerAsync"/>
/// instead of sleeping.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Created)> _waiters = [];
    private DateTimeOffset _now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state, dueTime == Timeout.InfiniteTimeSpan ? null : GetUtcNow() + dueTime);
        lock (_gate)
        {
            _timers.Add(timer);
            foreach (var waiter in _waiters.ToArray())
            {
                if (waiter.Due == dueTime)
                {
                    _waiters.Remove(waiter);
                    waiter.Created.TrySetResult();
                }
            }
        }

        return timer;
    }

    /// <summary>Completes once a timer due after exactly <paramref name="dueTime"/> has been created (or already was).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((dueTime, created));
        }

        return created.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Moves the wall clock and fires (on the calling thread) every timer that became due.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due = [];
        lock (_gate)
        {
            _now += by;
            foreach (ManualTimer timer in _timers)
            {
                if (timer.Due is { } at && at <= _now)
                {
                    timer.Due = null;
                    due.Add(timer);
                }
            }
        }

        foreach (ManualTimer timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state, DateTimeOffset? due) : ITimer
    {
        public DateTimeOffset? Due { get; set; } = due;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                Due = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
