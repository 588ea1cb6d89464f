using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Internal;
using Reqivo.Retries;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>Retry settings and waits at their boundaries: limits, huge Retry-After values, zero and cancelled waits.</summary>
public sealed class RetryBoundaryTests
{
    [Fact]
    public void One_attempt_and_no_wait_are_valid_settings()
    {
        var policy = new RetryPolicy { MaxAttempts = 1, MaxDelay = TimeSpan.Zero };

        Assert.Equal(1, policy.MaxAttempts);
        Assert.Equal(TimeSpan.Zero, policy.MaxDelay);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { MaxAttempts = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { MaxDelay = TimeSpan.FromTicks(-1) });
    }

    [Fact]
    public void A_failure_of_another_kind_is_not_retried()
    {
        Assert.False(RetryPolicy.IsRetryableFailure(new InvalidOperationException()));
    }

    [Fact]
    public void Delay_seconds_beyond_what_a_TimeSpan_holds_mean_the_longest_wait()
    {
        // 10^12 s is more than TimeSpan.MaxValue (about 9.2 * 10^11 s) but fits a long.
        Assert.Equal(TimeSpan.MaxValue, RetryAfter.Parse("1000000000000", DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_zero_wait_starts_no_timer(bool async)
    {
        var clock = new TimerCountingClock();

        await RetryDelay.WaitAsync(TimeSpan.Zero, clock, async, CancellationToken.None);

        Assert.Equal(0, clock.TimersCreated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_zero_wait_still_observes_cancellation(bool async)
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await RetryDelay.WaitAsync(TimeSpan.Zero, TimeProvider.System, async, cancelled.Token));
    }

    [Fact]
    public async Task A_blocking_wait_on_the_system_clock_observes_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.ThrowsAny<OperationCanceledException>(
            () => SyncPath.Wait(RetryDelay.WaitAsync(TimeSpan.FromHours(1), TimeProvider.System, async: false, cancelled.Token)));
    }

    /// <summary>The system clock, counting the timers created on it.</summary>
    private sealed class TimerCountingClock : TimeProvider
    {
        private int _timers;

        public int TimersCreated => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
