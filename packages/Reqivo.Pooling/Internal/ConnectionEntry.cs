namespace Reqivo.Pooling.Internal;

/// <summary>
/// The pool's record of one connection, allocated once when the connection is created and reused for every
/// lease, so renting an idle connection allocates nothing.
/// </summary>
internal sealed class ConnectionEntry<TConnection>
    where TConnection : class, IPoolableConnection
{
    public ConnectionEntry(TConnection connection, OriginPool<TConnection> origin, long createdAt)
    {
        Connection = connection;
        Origin = origin;
        CreatedAt = createdAt;
        IdleSince = createdAt;
    }

    public TConnection Connection { get; }

    /// <summary>The origin whose counts include this connection.</summary>
    public OriginPool<TConnection> Origin { get; }

    /// <summary>A <see cref="System.TimeProvider"/> timestamp of the creation.</summary>
    public long CreatedAt { get; }

    /// <summary>A <see cref="System.TimeProvider"/> timestamp of the last return; written under the pool lock.</summary>
    public long IdleSince { get; set; }
}
