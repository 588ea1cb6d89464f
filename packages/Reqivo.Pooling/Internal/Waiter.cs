using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Pooling.Internal;

/// <summary>How a wait ended, as decided under the pool lock.</summary>
internal enum WaitOutcome
{
    /// <summary>Still queued: if the waiter woke up, its timeout elapsed or it was cancelled.</summary>
    Pending,

    /// <summary>Served: <see cref="Waiter{TConnection}.Ticket"/> holds a connection or a reserved slot.</summary>
    Granted,

    /// <summary>The pool was disposed.</summary>
    PoolDisposed,
}

/// <summary>
/// One renter waiting for a slot. The pool decides its <see cref="Outcome"/> under the pool lock and wakes it
/// directly: a blocked thread through its monitor (no thread-pool thread is needed), an async renter through
/// a <see cref="TaskCompletionSource"/> whose continuation runs asynchronously, so the waking thread never
/// runs the renter's code. Timers and cancellation only wake it; the renter then settles its fate under the
/// pool lock, which makes "served" and "gave up" mutually exclusive.
/// </summary>
internal sealed class Waiter<TConnection>
    where TConnection : class, IPoolableConnection
{
    private static readonly TimeSpan s_longestMonitorWait = TimeSpan.FromMilliseconds(int.MaxValue);

    private readonly TaskCompletionSource? _completion;
    private bool _signaled;

    public Waiter(OriginPool<TConnection> origin, long sequence, bool async)
    {
        Origin = origin;
        Sequence = sequence;
        if (async)
        {
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public OriginPool<TConnection> Origin { get; }

    /// <summary>Arrival order over all origins, for fairness across the total limit.</summary>
    public long Sequence { get; }

    public Waiter<TConnection>? Previous { get; set; }

    public Waiter<TConnection>? Next { get; set; }

    public bool IsQueued { get; set; }

    public WaitOutcome Outcome { get; private set; }

    public RentTicket<TConnection> Ticket { get; private set; }

    /// <summary>Completes when the waiter is woken (async waiters only).</summary>
    public Task Woken => _completion!.Task;

    /// <summary>Serves the waiter; called under the pool lock after the waiter left the queue.</summary>
    public void Grant(RentTicket<TConnection> ticket)
    {
        Ticket = ticket;
        Outcome = WaitOutcome.Granted;
        Wake();
    }

    /// <summary>Fails the waiter; called under the pool lock after the waiter left the queue.</summary>
    public void FailPoolDisposed()
    {
        Outcome = WaitOutcome.PoolDisposed;
        Wake();
    }

    /// <summary>Wakes the waiter; idempotent and safe from any thread (grant, timer, cancellation).</summary>
    public void Wake()
    {
        if (_completion is not null)
        {
            _completion.TrySetResult();
            return;
        }

        lock (this)
        {
            _signaled = true;
            Monitor.Pulse(this);
        }
    }

    /// <summary>
    /// Blocks the calling thread until <see cref="Wake"/> or, for a finite <paramref name="timeout"/>, until it
    /// elapsed on <paramref name="timeProvider"/> (which must be the system clock, as the monitor waits in real time).
    /// </summary>
    public void Block(TimeSpan timeout, TimeProvider timeProvider)
    {
        lock (this)
        {
            long start = timeProvider.GetTimestamp();
            while (!_signaled)
            {
                if (timeout == Timeout.InfiniteTimeSpan)
                {
                    Monitor.Wait(this);
                    continue;
                }

                TimeSpan remaining = timeout - timeProvider.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero)
                {
                    return;
                }

                Monitor.Wait(this, remaining < s_longestMonitorWait ? remaining : s_longestMonitorWait);
            }
        }
    }
}
