namespace Reqivo.Pooling;

/// <summary>The counts of one key in a <see cref="PoolStatistics"/> snapshot.</summary>
/// <param name="Idle">Connections waiting to be reused.</param>
/// <param name="Active">Connections leased (or being checked before a lease).</param>
/// <param name="Waiting">Renters waiting for a slot.</param>
/// <param name="Connecting">Connections being opened by the factory.</param>
public readonly record struct OriginStatistics(int Idle, int Active, int Waiting, int Connecting);
