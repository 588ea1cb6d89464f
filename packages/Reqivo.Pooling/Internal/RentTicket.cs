namespace Reqivo.Pooling.Internal;

/// <summary>
/// What the pool decided for a renter under its lock; the renter carries it out after the lock. Exactly one
/// of three: reuse <see cref="Candidate"/> (already counted active), open a connection in a reserved slot
/// (counted connecting; first dispose <see cref="Evicted"/> when set), or wait as <see cref="Waiter"/>.
/// </summary>
internal readonly struct RentTicket<TConnection>
    where TConnection : class, IPoolableConnection
{
    private RentTicket(OriginPool<TConnection> origin, ConnectionEntry<TConnection>? candidate, ConnectionEntry<TConnection>? evicted, Waiter<TConnection>? waiter)
    {
        Origin = origin;
        Candidate = candidate;
        Evicted = evicted;
        Waiter = waiter;
    }

    public OriginPool<TConnection> Origin { get; }

    /// <summary>An idle connection to check (expiry, liveness) and hand out.</summary>
    public ConnectionEntry<TConnection>? Candidate { get; }

    /// <summary>An idle connection of another origin evicted to make room under the total limit (counted as
    /// closing there); the renter disposes it before calling the factory, so the limits hold for open
    /// connections too.</summary>
    public ConnectionEntry<TConnection>? Evicted { get; }

    public Waiter<TConnection>? Waiter { get; }

    public static RentTicket<TConnection> Reuse(ConnectionEntry<TConnection> candidate) => new(candidate.Origin, candidate, null, null);

    public static RentTicket<TConnection> Create(OriginPool<TConnection> origin, ConnectionEntry<TConnection>? evicted) => new(origin, null, evicted, null);

    public static RentTicket<TConnection> Wait(Waiter<TConnection> waiter) => new(waiter.Origin, null, null, waiter);
}
