using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Internal;

namespace Reqivo.Pooling;

// Waiting for a slot: the wake-up, and settling the race between being served and giving up.
public sealed partial class ConnectionPool<TConnection>
{
    private async ValueTask<RentTicket<TConnection>> WaitForTicketAsync(
        Waiter<TConnection> waiter, PoolKey key, TimeSpan poolTimeout, bool async, CancellationToken cancellationToken)
    {
        // With the system clock a blocked thread times itself out in Monitor.Wait, so a sync renter needs no
        // thread-pool thread for a timer callback; any other clock drives the timeout through its own timer.
        bool blockingTimesItself = !async && ReferenceEquals(_timeProvider, TimeProvider.System);
        ITimer? timer = poolTimeout == Timeout.InfiniteTimeSpan || blockingTimesItself
            ? null
            : _timeProvider.CreateTimer(static state => ((Waiter<TConnection>)state!).Wake(), waiter, poolTimeout, Timeout.InfiniteTimeSpan);
        CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(static state => ((Waiter<TConnection>)state!).Wake(), waiter);
        try
        {
            if (async)
            {
                await waiter.Woken.ConfigureAwait(false);
            }
            else
            {
                waiter.Block(blockingTimesItself ? poolTimeout : Timeout.InfiniteTimeSpan, _timeProvider);
            }
        }
        finally
        {
            // Wake only signals the waiter, so waiting here for a running callback cannot deadlock.
            registration.Dispose();
            timer?.Dispose();
        }

        return SettleWait(waiter, key, poolTimeout, cancellationToken);
    }

    /// <summary>
    /// Decides under the lock how a woken wait ends. A waiter still queued leaves the queue and fails
    /// (cancelled or timed out); one that was served keeps what it got, unless it was cancelled meanwhile:
    /// then the connection or slot goes back to the pool, so a waiter that gives up never takes one with it.
    /// </summary>
    private RentTicket<TConnection> SettleWait(Waiter<TConnection> waiter, PoolKey key, TimeSpan poolTimeout, CancellationToken cancellationToken)
    {
        RentTicket<TConnection> unwanted;
        lock (_lock)
        {
            switch (waiter.Outcome)
            {
                case WaitOutcome.Granted when !cancellationToken.IsCancellationRequested:
                    return waiter.Ticket;
                case WaitOutcome.Granted:
                    unwanted = waiter.Ticket;
                    break;
                case WaitOutcome.PoolDisposed:
                    throw new ObjectDisposedException(GetType().FullName);
                default:
                    // Leaving the queue adds no capacity: the waiters behind it were blocked by the same limits.
                    DequeueLocked(waiter);
                    RemoveIfEmptyLocked(waiter.Origin);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new PoolTimeoutException(key, poolTimeout);
            }
        }

        GiveBack(unwanted);
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Returns what a cancelled waiter was served: a connection, or a reserved slot.</summary>
    private void GiveBack(RentTicket<TConnection> ticket)
    {
        if (ticket.Candidate is { } candidate)
        {
            Return(candidate.Connection, reusable: true);
            return;
        }

        try
        {
            if (ticket.Evicted is { } evicted)
            {
                DisposeClosing(evicted);
            }
        }
        finally
        {
            lock (_lock)
            {
                ReleaseConnectingLocked(ticket.Origin);
            }
        }
    }
}
