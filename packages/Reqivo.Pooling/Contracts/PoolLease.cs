namespace Reqivo.Pooling;

/// <summary>
/// A leased connection and whether it was used before. A value type, so renting allocates nothing for it.
/// </summary>
/// <typeparam name="TConnection">The kind of connection pooled.</typeparam>
/// <param name="Connection">The connection, used exclusively by the renter until it is returned.</param>
/// <param name="IsReused">Whether the connection was used for earlier exchanges. Callers use it to decide
/// whether a request that failed before any response byte may be retried on a fresh connection.</param>
public readonly record struct PoolLease<TConnection>(TConnection Connection, bool IsReused)
    where TConnection : class, IPoolableConnection;
