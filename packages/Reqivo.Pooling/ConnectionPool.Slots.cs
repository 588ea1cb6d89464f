using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using Reqivo.Pooling.Internal;

namespace Reqivo.Pooling;

// The decisions: every method here runs under _lock, does no I/O and calls no connection or factory code.
public sealed partial class ConnectionPool<TConnection>
{
    /// <summary>What a renter of an origin could get right now.</summary>
    private enum SlotPlan
    {
        None,
        ReuseIdle,
        Create,
        EvictAndCreate,
    }

    private RentTicket<TConnection> AcquireLocked(PoolKey key, TimeSpan poolTimeout, bool async)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ref OriginPool<TConnection>? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_origins, key, out _);
        OriginPool<TConnection> origin = slot ??= new OriginPool<TConnection>(key);

        // First come, first served: a renter never overtakes an earlier waiter of its key.
        if (origin.Waiters.Count == 0 && TryReserveLocked(origin, out RentTicket<TConnection> ticket))
        {
            return ticket;
        }

        if (poolTimeout == TimeSpan.Zero)
        {
            RemoveIfEmptyLocked(origin);
            throw new PoolTimeoutException(key, poolTimeout);
        }

        var waiter = new Waiter<TConnection>(origin, _nextWaiterSequence++, async);
        if (origin.Waiters.Count == 0)
        {
            _waitingOrigins.Add(origin);
        }

        origin.Waiters.Enqueue(waiter);
        return RentTicket<TConnection>.Wait(waiter);
    }

    private SlotPlan PlanLocked(OriginPool<TConnection> origin)
    {
        if (origin.IdleCount > 0)
        {
            return SlotPlan.ReuseIdle;
        }

        if (origin.Count >= _options.MaxConnectionsPerOrigin)
        {
            return SlotPlan.None;
        }

        if (_total < _options.MaxConnectionsTotal)
        {
            return SlotPlan.Create;
        }

        // Only the total limit stands in the way, and this origin has no idle connection: any idle
        // connection belongs to another origin and gives way.
        return _idleTotal > 0 ? SlotPlan.EvictAndCreate : SlotPlan.None;
    }

    private bool TryReserveLocked(OriginPool<TConnection> origin, out RentTicket<TConnection> ticket)
    {
        switch (PlanLocked(origin))
        {
            case SlotPlan.ReuseIdle:
                ConnectionEntry<TConnection> idle = origin.PopMostRecentIdle();
                _idleTotal--;
                origin.Active++;
                _leased.Add(idle.Connection, idle);
                ticket = RentTicket<TConnection>.Reuse(idle);
                return true;
            case SlotPlan.Create:
                origin.Connecting++;
                _total++;
                ticket = RentTicket<TConnection>.Create(origin, evicted: null);
                return true;
            case SlotPlan.EvictAndCreate:
                // The evicted connection stays counted (closing) until the renter has disposed it, so for a
                // moment the total is one above the limit: both slots are held, never both connections open.
                ConnectionEntry<TConnection> evicted = TakeEvictionVictimLocked();
                origin.Connecting++;
                _total++;
                ticket = RentTicket<TConnection>.Create(origin, evicted);
                return true;
            default:
                ticket = default;
                return false;
        }
    }

    /// <summary>Moves the least recently used idle connection over all origins to its origin's closing count.</summary>
    private ConnectionEntry<TConnection> TakeEvictionVictimLocked()
    {
        OriginPool<TConnection>? oldest = null;
        foreach (OriginPool<TConnection> origin in _origins.Values)
        {
            if (origin.IdleCount > 0 && (oldest is null || origin.LeastRecentIdle.IdleSince < oldest.LeastRecentIdle.IdleSince))
            {
                oldest = origin;
            }
        }

        Debug.Assert(oldest is not null, "Eviction is only planned when an idle connection exists.");
        ConnectionEntry<TConnection> victim = oldest.RemoveLeastRecentIdle();
        oldest.Closing++;
        _idleTotal--;
        return victim;
    }

    /// <summary>
    /// Serves waiters while capacity allows: each round picks the oldest waiter, over all origins, whose
    /// origin can be served now (only the first waiter of each origin can be: the others wait behind it).
    /// Called after every change that adds capacity.
    /// </summary>
    private void ServeWaitersLocked()
    {
        if (_disposed)
        {
            return;
        }

        while (true)
        {
            Waiter<TConnection>? oldest = null;
            foreach (OriginPool<TConnection> origin in _waitingOrigins)
            {
                Waiter<TConnection> first = origin.Waiters.First!;
                if ((oldest is null || first.Sequence < oldest.Sequence) && PlanLocked(origin) != SlotPlan.None)
                {
                    oldest = first;
                }
            }

            if (oldest is null)
            {
                return;
            }

            bool reserved = TryReserveLocked(oldest.Origin, out RentTicket<TConnection> ticket);
            Debug.Assert(reserved, "The plan said the origin can be served.");
            DequeueLocked(oldest);
            oldest.Grant(ticket);
        }
    }

    private void DequeueLocked(Waiter<TConnection> waiter)
    {
        OriginPool<TConnection> origin = waiter.Origin;
        origin.Waiters.Remove(waiter);
        if (origin.Waiters.Count == 0)
        {
            _waitingOrigins.Remove(origin);
        }
    }

    /// <summary>A leased connection comes back reusable: to the first waiter of its origin, or to the idle stack.</summary>
    private void ReturnReusableLocked(ConnectionEntry<TConnection> entry)
    {
        OriginPool<TConnection> origin = entry.Origin;
        if (origin.Waiters.First is { } waiter)
        {
            // Stays leased (and counted active): it changes hands without touching the idle stack.
            DequeueLocked(waiter);
            waiter.Grant(RentTicket<TConnection>.Reuse(entry));
            return;
        }

        _leased.Remove(entry.Connection);
        origin.Active--;
        entry.IdleSince = _timeProvider.GetTimestamp();
        origin.PushIdle(entry);
        _idleTotal++;

        // A waiter of another origin held back by the total limit takes this connection's slot.
        ServeWaitersLocked();
    }

    /// <summary>
    /// After a candidate was found expired or dead and disposed: reuse the next idle connection of the
    /// origin if there is one (freeing the discarded one's slot), or else keep the slot to open a new one.
    /// </summary>
    private RentTicket<TConnection> ReplaceDiscardedCandidateLocked(ConnectionEntry<TConnection> discarded)
    {
        OriginPool<TConnection> origin = discarded.Origin;
        if (_disposed)
        {
            ReleaseActiveLocked(discarded);
            throw new ObjectDisposedException(GetType().FullName);
        }

        _leased.Remove(discarded.Connection);
        if (origin.IdleCount > 0)
        {
            ConnectionEntry<TConnection> next = origin.PopMostRecentIdle();
            _idleTotal--;
            _total--;
            _leased.Add(next.Connection, next);
            ServeWaitersLocked();
            return RentTicket<TConnection>.Reuse(next);
        }

        origin.Active--;
        origin.Connecting++;
        return RentTicket<TConnection>.Create(origin, evicted: null);
    }

    /// <summary>A leased connection is about to be disposed: it keeps its slot, as closing, until it is.</summary>
    private void MoveLeasedToClosingLocked(ConnectionEntry<TConnection> entry)
    {
        _leased.Remove(entry.Connection);
        entry.Origin.Active--;
        entry.Origin.Closing++;
    }

    /// <summary>Frees the slot of a leased connection that has been disposed.</summary>
    private void ReleaseActiveLocked(ConnectionEntry<TConnection> entry)
    {
        _leased.Remove(entry.Connection);
        entry.Origin.Active--;
        _total--;
        ServeWaitersLocked();
        RemoveIfEmptyLocked(entry.Origin);
    }

    /// <summary>Frees a slot reserved for a connection that was not created (factory failure, give-back).</summary>
    private void ReleaseConnectingLocked(OriginPool<TConnection> origin)
    {
        origin.Connecting--;
        _total--;
        ServeWaitersLocked();
        RemoveIfEmptyLocked(origin);
    }

    private void RemoveIfEmptyLocked(OriginPool<TConnection> origin)
    {
        if (origin.IsEmpty && _origins.TryGetValue(origin.Key, out OriginPool<TConnection>? current) && ReferenceEquals(current, origin))
        {
            _origins.Remove(origin.Key);
        }
    }
}
