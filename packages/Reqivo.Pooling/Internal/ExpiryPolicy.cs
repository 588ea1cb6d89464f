using System;
using System.Threading;

namespace Reqivo.Pooling.Internal;

/// <summary>Decides, from timestamps of the injected clock, whether a connection is too old to reuse.</summary>
internal sealed class ExpiryPolicy(TimeProvider timeProvider, TimeSpan idleTimeout, TimeSpan maxLifetime)
{
    /// <summary>Whether any connection can ever expire (otherwise no sweep is needed).</summary>
    public bool CanExpire => idleTimeout != Timeout.InfiniteTimeSpan || maxLifetime != Timeout.InfiniteTimeSpan;

    public bool IsPastLifetime(long createdAt, long now) =>
        maxLifetime != Timeout.InfiniteTimeSpan && timeProvider.GetElapsedTime(createdAt, now) >= maxLifetime;

    public bool IsExpired(long createdAt, long idleSince, long now) =>
        IsPastLifetime(createdAt, now)
        || (idleTimeout != Timeout.InfiniteTimeSpan && timeProvider.GetElapsedTime(idleSince, now) >= idleTimeout);
}
