using System;
using System.Threading;

namespace Reqivo.Pooling;

/// <summary>
/// The limits and timeouts of a <see cref="ConnectionPool{TConnection}"/>. Every property is validated when
/// it is set; the object is immutable once built and may be shared between pools.
/// </summary>
/// <remarks>
/// Limits count every connection the pool is responsible for: leased, being opened, idle, and being closed
/// (a discarded connection keeps its slot until its <see cref="IDisposable.Dispose"/> returns), so they bound
/// the number of open sockets.
/// </remarks>
public sealed class ConnectionPoolOptions
{
    private readonly int _maxConnectionsPerOrigin = 100;
    private readonly int _maxConnectionsTotal = int.MaxValue;
    private readonly TimeSpan _idleTimeout = TimeSpan.FromSeconds(60);
    private readonly TimeSpan _maxLifetime = Timeout.InfiniteTimeSpan;
    private readonly TimeSpan _sweepInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most connections per <see cref="PoolKey"/>. At least 1; the default, 100, is far above what one
    /// origin usually needs and keeps a runaway caller from exhausting the server.
    /// </summary>
    public int MaxConnectionsPerOrigin
    {
        get => _maxConnectionsPerOrigin;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConnectionsPerOrigin = value;
        }
    }

    /// <summary>
    /// The most connections over all keys. At least 1; the default, <see cref="int.MaxValue"/>, means no
    /// limit beyond the per-origin one. When the limit is reached, an idle connection of another key is
    /// closed to make room.
    /// </summary>
    public int MaxConnectionsTotal
    {
        get => _maxConnectionsTotal;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConnectionsTotal = value;
        }
    }

    /// <summary>
    /// How long a connection may stay idle before it is closed instead of reused. Positive or
    /// <see cref="Timeout.InfiniteTimeSpan"/>; the default is 60 seconds, below the keep-alive timeout of
    /// most servers' defaults, so the pool rarely hands out a connection the server is closing.
    /// </summary>
    public TimeSpan IdleTimeout
    {
        get => _idleTimeout;
        init => _idleTimeout = ValidatePositiveOrInfinite(value);
    }

    /// <summary>
    /// How long a connection may live from its creation, after which it is closed when it is next returned
    /// or found idle (useful to follow DNS changes). Positive or <see cref="Timeout.InfiniteTimeSpan"/>, the
    /// default.
    /// </summary>
    public TimeSpan MaxLifetime
    {
        get => _maxLifetime;
        init => _maxLifetime = ValidatePositiveOrInfinite(value);
    }

    /// <summary>
    /// How often a background sweep closes idle connections that have expired, so they do not hold sockets
    /// until the next rent. Positive or <see cref="Timeout.InfiniteTimeSpan"/> (no sweep; expiry is then only
    /// checked on rent and return); the default is 10 seconds. No sweep runs when neither
    /// <see cref="IdleTimeout"/> nor <see cref="MaxLifetime"/> is finite.
    /// </summary>
    public TimeSpan SweepInterval
    {
        get => _sweepInterval;
        init => _sweepInterval = ValidatePositiveOrInfinite(value);
    }

    private static TimeSpan ValidatePositiveOrInfinite(TimeSpan value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The value must be positive or Timeout.InfiniteTimeSpan.");
        }

        return value;
    }
}
