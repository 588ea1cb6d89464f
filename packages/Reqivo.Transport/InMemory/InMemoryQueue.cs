using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>What <see cref="InMemoryQueue{T}.TakeAsync"/> found.</summary>
internal enum TakeStatus
{
    Taken,
    Completed,
    TimedOut,
}

/// <summary>
/// An unbounded queue whose consumers wait either by blocking (a monitor) or asynchronously (a task), in the
/// <c>bool async</c> style, so a blocking take never needs the thread pool. Once completed it accepts nothing new
/// and hands out what is left, then reports <see cref="TakeStatus.Completed"/>. Thread-safe.
/// </summary>
internal sealed class InMemoryQueue<T>
{
    private static readonly Action<object?> WakeBlockedTakers = static state =>
    {
        var queue = (InMemoryQueue<T>)state!;
        lock (queue._gate)
        {
            Monitor.PulseAll(queue._gate);
        }
    };

    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private TaskCompletionSource? _changed;
    private bool _completed;

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    public bool HasItems
    {
        get
        {
            lock (_gate)
            {
                return _items.Count > 0;
            }
        }
    }

    /// <summary>Adds an item; false once the queue is completed.</summary>
    public bool TryEnqueue(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _items.Enqueue(item);
            SignalChanged();
            return true;
        }
    }

    /// <summary>Completes the queue; the items still in it are left for takers.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            SignalChanged();
        }
    }

    /// <summary>Completes the queue and removes the items still in it, for the caller to dispose.</summary>
    public List<T> CompleteAndDrain()
    {
        lock (_gate)
        {
            _completed = true;
            var left = new List<T>(_items);
            _items.Clear();
            SignalChanged();
            return left;
        }
    }

    /// <summary>Takes the next item, waiting until one arrives, the queue completes, or the deadline passes.</summary>
    public async ValueTask<(TakeStatus Status, T? Item)> TakeAsync(bool async, Deadline deadline, CancellationToken cancellationToken)
    {
        // A blocked taker sleeps in Monitor.Wait, which no token can interrupt: cancellation pulses it awake.
        CancellationTokenRegistration wakeOnCancel = !async && cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(WakeBlockedTakers, this)
            : default;
        try
        {
            while (true)
            {
                Task changed;
                TimeSpan remaining;
                lock (_gate)
                {
                    if (_items.TryDequeue(out T? item))
                    {
                        return (TakeStatus.Taken, item);
                    }

                    if (_completed)
                    {
                        return (TakeStatus.Completed, default);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    remaining = deadline.Remaining;
                    if (remaining == TimeSpan.Zero)
                    {
                        return (TakeStatus.TimedOut, default);
                    }

                    if (!async)
                    {
                        Monitor.Wait(_gate, remaining);
                        continue;
                    }

                    changed = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                }

                try
                {
                    await changed.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The loop sees the passed deadline.
                }
            }
        }
        finally
        {
            wakeOnCancel.Dispose();
        }
    }

    // Called under the lock. Continuations run asynchronously, so no waiter runs while the lock is held.
    private void SignalChanged()
    {
        Monitor.PulseAll(_gate);
        _changed?.TrySetResult();
        _changed = null;
    }
}
