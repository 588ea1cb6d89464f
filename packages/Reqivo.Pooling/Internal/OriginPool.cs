using System.Collections.Generic;

namespace Reqivo.Pooling.Internal;

/// <summary>
/// The connections and waiters of one <see cref="PoolKey"/>. Holds state only: every member is used under
/// the owning pool's lock, and the pool makes all decisions.
/// </summary>
/// <remarks>
/// Every connection the origin is responsible for is in exactly one count: idle (in the stack), active
/// (leased, or being checked before a lease), connecting (a slot reserved for the factory) or closing
/// (being disposed). Limits apply to their sum, <see cref="Count"/>.
/// </remarks>
internal sealed class OriginPool<TConnection>(PoolKey key)
    where TConnection : class, IPoolableConnection
{
    // Used as a stack: the end is the most recently returned connection (reused first), the start the
    // least recently returned one (evicted first, and the first to expire).
    private readonly List<ConnectionEntry<TConnection>> _idle = [];

    public PoolKey Key { get; } = key;

    public int Active { get; set; }

    public int Connecting { get; set; }

    public int Closing { get; set; }

    public WaiterQueue<TConnection> Waiters { get; } = new();

    public int IdleCount => _idle.Count;

    public int Count => _idle.Count + Active + Connecting + Closing;

    /// <summary>Whether the pool may forget this origin: nothing counted and nobody waiting.</summary>
    public bool IsEmpty => Count == 0 && Waiters.Count == 0;

    /// <summary>The least recently returned idle connection; only valid when <see cref="IdleCount"/> &gt; 0.</summary>
    public ConnectionEntry<TConnection> LeastRecentIdle => _idle[0];

    public void PushIdle(ConnectionEntry<TConnection> entry) => _idle.Add(entry);

    public ConnectionEntry<TConnection> PopMostRecentIdle()
    {
        ConnectionEntry<TConnection> entry = _idle[^1];
        _idle.RemoveAt(_idle.Count - 1);
        return entry;
    }

    public ConnectionEntry<TConnection> RemoveLeastRecentIdle()
    {
        ConnectionEntry<TConnection> entry = _idle[0];
        _idle.RemoveAt(0);
        return entry;
    }

    /// <summary>Moves the expired idle connections to the closing count and appends them to <paramref name="closing"/>.</summary>
    /// <returns>How many were moved.</returns>
    public int MoveExpiredIdleToClosing(ExpiryPolicy expiry, long now, ref List<ConnectionEntry<TConnection>>? closing)
    {
        int kept = 0;
        for (int i = 0; i < _idle.Count; i++)
        {
            ConnectionEntry<TConnection> entry = _idle[i];
            if (expiry.IsExpired(entry.CreatedAt, entry.IdleSince, now))
            {
                (closing ??= []).Add(entry);
            }
            else
            {
                _idle[kept++] = entry;
            }
        }

        int moved = _idle.Count - kept;
        _idle.RemoveRange(kept, moved);
        Closing += moved;
        return moved;
    }

    /// <summary>Moves every idle connection to the closing count and appends them to <paramref name="closing"/>.</summary>
    /// <returns>How many were moved.</returns>
    public int MoveAllIdleToClosing(ref List<ConnectionEntry<TConnection>>? closing)
    {
        int moved = _idle.Count;
        if (moved > 0)
        {
            (closing ??= []).AddRange(_idle);
            _idle.Clear();
            Closing += moved;
        }

        return moved;
    }

    public OriginStatistics GetStatistics() => new(_idle.Count, Active, Waiters.Count, Connecting);
}
