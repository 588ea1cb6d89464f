using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Retries;

/// <summary>The wait between attempts on an injected clock: awaited on the async path, blocking on the sync path.</summary>
internal static class RetryDelay
{
    public static async ValueTask WaitAsync(TimeSpan delay, TimeProvider time, bool async, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        if (async)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The sync send blocks its own thread (no task is waited on). On the system clock the wait times itself, so it
        // needs no timer callback and keeps working when the thread pool is starved; another clock (a test's) releases
        // it through one of its timers, so it controls this wait exactly as it controls the async one.
        using var elapsed = new ManualResetEventSlim(false);
        if (ReferenceEquals(time, TimeProvider.System))
        {
            elapsed.Wait(delay, cancellationToken);
            return;
        }

        using (time.CreateTimer(Release, elapsed, delay, Timeout.InfiniteTimeSpan))
        {
            elapsed.Wait(cancellationToken);
        }
    }

    private static void Release(object? state)
    {
        try
        {
            ((ManualResetEventSlim)state!).Set();
        }
        catch (ObjectDisposedException)
        {
            // The wait was cancelled and the event disposed while the timer was firing: nobody waits any more.
        }
    }
}
