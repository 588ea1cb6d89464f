using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Internal;

namespace Reqivo.Pooling;

// The background sweep of expired idle connections, and disposal of the pool.
public sealed partial class ConnectionPool<TConnection>
{
    /// <summary>Closes every idle connection and fails every waiter; see <see cref="IConnectionPool{TConnection}"/>.</summary>
    /// <exception cref="Exception">The first exception thrown by an idle connection's <see cref="IDisposable.Dispose"/>
    /// (which breaks its contract), after every idle connection was disposed.</exception>
    public void Dispose()
    {
        List<ConnectionEntry<TConnection>>? idle = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (OriginPool<TConnection> origin in _origins.Values)
            {
                _idleTotal -= origin.MoveAllIdleToClosing(ref idle);
                while (origin.Waiters.First is { } waiter)
                {
                    DequeueLocked(waiter);
                    waiter.FailPoolDisposed();
                }
            }
        }

        _sweepTimer?.Dispose();
        if (idle is not null)
        {
            DisposeAllClosing(idle, rethrow: true);
        }
    }

    /// <summary>Same as <see cref="Dispose"/>: closing a connection is synchronous.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the idle connections whose idle timeout or maximum lifetime has passed.</summary>
    internal void SweepExpiredIdle()
    {
        List<ConnectionEntry<TConnection>>? expired = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            long now = _timeProvider.GetTimestamp();
            foreach (OriginPool<TConnection> origin in _origins.Values)
            {
                _idleTotal -= origin.MoveExpiredIdleToClosing(_expiry, now, ref expired);
            }
        }

        if (expired is not null)
        {
            // A timer callback must not throw: that would end the process for a connection's broken Dispose.
            DisposeAllClosing(expired, rethrow: false);
        }
    }

    /// <summary>Disposes connections counted as closing, then frees their slots in one go.</summary>
    private void DisposeAllClosing(List<ConnectionEntry<TConnection>> closing, bool rethrow)
    {
        Exception? firstFailure = null;
        foreach (ConnectionEntry<TConnection> entry in closing)
        {
            try
            {
                DisposeConnection(entry.Connection);
            }
#pragma warning disable CA1031 // One connection breaking its Dispose contract must not keep the others open.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                firstFailure ??= exception;
            }
        }

        lock (_lock)
        {
            foreach (ConnectionEntry<TConnection> entry in closing)
            {
                entry.Origin.Closing--;
                _total--;
            }

            ServeWaitersLocked();
            foreach (ConnectionEntry<TConnection> entry in closing)
            {
                RemoveIfEmptyLocked(entry.Origin);
            }
        }

        if (rethrow && firstFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstFailure);
        }
    }

    private ITimer? StartSweepTimer()
    {
        if (_options.SweepInterval == Timeout.InfiniteTimeSpan || !_expiry.CanExpire)
        {
            return null;
        }

        // The timer holds the pool weakly, so a pool nobody disposed can still be collected; it must not
        // capture the creator's ExecutionContext (its AsyncLocals) for the pool's whole life either.
        var schedule = new SweepSchedule(this);
        bool restoreFlow = !ExecutionContext.IsFlowSuppressed();
        if (restoreFlow)
        {
            ExecutionContext.SuppressFlow();
        }

        try
        {
            schedule.Timer = _timeProvider.CreateTimer(
                static state => ((SweepSchedule)state!).Tick(), schedule, _options.SweepInterval, _options.SweepInterval);
        }
        finally
        {
            if (restoreFlow)
            {
                ExecutionContext.RestoreFlow();
            }
        }

        return schedule.Timer;
    }

    private sealed class SweepSchedule(ConnectionPool<TConnection> pool)
    {
        private readonly WeakReference<ConnectionPool<TConnection>> _pool = new(pool);

        public ITimer? Timer { get; set; }

        public void Tick()
        {
            if (_pool.TryGetTarget(out ConnectionPool<TConnection>? target))
            {
                target.SweepExpiredIdle();
            }
            else
            {
                Timer?.Dispose();
            }
        }
    }
}
