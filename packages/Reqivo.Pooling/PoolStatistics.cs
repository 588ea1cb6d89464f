using System.Collections.Generic;

namespace Reqivo.Pooling;

/// <summary>
/// A consistent snapshot of a pool: current counts over all keys, the same per key, and cumulative counters
/// since the pool was created.
/// </summary>
/// <param name="Idle">Connections waiting to be reused.</param>
/// <param name="Active">Connections leased (or being checked before a lease).</param>
/// <param name="Waiting">Renters waiting for a slot.</param>
/// <param name="Connecting">Connections being opened by the factory.</param>
/// <param name="Origins">The counts per key, for every key the pool holds anything for.</param>
/// <param name="ConnectionsCreated">Connections the factory returned.</param>
/// <param name="ConnectionsReused">Leases that handed out a connection used before.</param>
/// <param name="ConnectionsDisposed">Connections the pool disposed.</param>
public sealed record PoolStatistics(
    int Idle,
    int Active,
    int Waiting,
    int Connecting,
    IReadOnlyDictionary<PoolKey, OriginStatistics> Origins,
    long ConnectionsCreated,
    long ConnectionsReused,
    long ConnectionsDisposed);
