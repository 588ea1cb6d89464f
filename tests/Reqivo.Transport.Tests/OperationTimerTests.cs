using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport.Tests;

public class OperationTimerTests
{
    [Fact]
    public async Task The_timeout_cancels_the_token_and_is_told_apart_from_the_caller()
    {
        using var timer = new OperationTimer();

        CancellationToken token = timer.Start(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Timeout.InfiniteTimeSpan, token));

        Assert.True(timer.TimedOut(CancellationToken.None));
        timer.Stop();
    }

    [Fact]
    public async Task The_callers_cancellation_reaches_the_token_and_is_not_a_timeout()
    {
        using var timer = new OperationTimer();
        using var caller = new CancellationTokenSource();

        CancellationToken token = timer.Start(Io.Generous, caller.Token);
        await caller.CancelAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.False(timer.TimedOut(caller.Token));
        timer.Stop();
    }

    [Fact]
    public void A_stopped_timer_is_reused_and_never_fires_late()
    {
        using var timer = new OperationTimer();
        using var caller = new CancellationTokenSource();

        timer.Start(TimeSpan.FromMilliseconds(1), caller.Token);
        timer.Stop();
        CancellationToken second = timer.Start(Io.Generous, caller.Token);

        Assert.False(second.IsCancellationRequested);
        Assert.False(timer.TimedOut(caller.Token));
        timer.Stop();
        // After Stop the caller is unlinked: cancelling it no longer touches the timer's token.
        caller.Cancel();
        Assert.False(second.IsCancellationRequested);
    }
}
