using System.Diagnostics;

namespace Reqivo.Pooling.Internal;

/// <summary>
/// The renters waiting for one origin, oldest first: an intrusive doubly linked list, so queuing and
/// removing a waiter (served, timed out, cancelled) allocates nothing and costs O(1). Used under the pool lock.
/// </summary>
internal sealed class WaiterQueue<TConnection>
    where TConnection : class, IPoolableConnection
{
    private Waiter<TConnection>? _last;

    public Waiter<TConnection>? First { get; private set; }

    public int Count { get; private set; }

    public void Enqueue(Waiter<TConnection> waiter)
    {
        Debug.Assert(!waiter.IsQueued, "A waiter is queued once.");
        waiter.Previous = _last;
        waiter.Next = null;
        if (_last is null)
        {
            First = waiter;
        }
        else
        {
            _last.Next = waiter;
        }

        _last = waiter;
        waiter.IsQueued = true;
        Count++;
    }

    public void Remove(Waiter<TConnection> waiter)
    {
        Debug.Assert(waiter.IsQueued, "Only a queued waiter is removed.");
        if (waiter.Previous is null)
        {
            First = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }

        if (waiter.Next is null)
        {
            _last = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }

        waiter.Previous = null;
        waiter.Next = null;
        waiter.IsQueued = false;
        Count--;
    }
}
