using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling.Internal;

namespace Reqivo.Pooling;

/// <summary>
/// The connection pool: per-key LIFO reuse, per-key and total limits, first-come-first-served waiters with a
/// pool timeout, idle timeout, maximum lifetime, a liveness check before reuse, and statistics.
/// </summary>
/// <typeparam name="TConnection">The kind of connection pooled.</typeparam>
/// <remarks>
/// <para><b>Theory of operation.</b> Every operation decides under one lock, without I/O, what must happen
/// (a <c>RentTicket</c>: reuse this idle connection, open one in this reserved slot, or wait), and carries it
/// out after the lock: checking liveness, calling the factory and disposing connections never happen under
/// it. A slot stays counted until the connection in it is disposed, so the limits bound open connections,
/// not just leases.</para>
/// <para><b>Fairness.</b> A renter queues behind earlier waiters of its key. Whenever capacity appears
/// (a return, a discard, an expiry, a failed factory call), the pool serves the oldest waiter that can be
/// served: a returned reusable connection goes straight to the first waiter of its key; a freed slot goes
/// to the oldest waiter over all keys whose own limit allows it; when only the total limit stands in the
/// way, the least recently used idle connection of another key is closed to make room.</para>
/// <para><b>Time</b> comes only from the <see cref="TimeProvider"/> given to the constructor: expiry,
/// the pool timeout and the background sweep.</para>
/// <para>See <see cref="IConnectionPool{TConnection}"/> for thread-safety, ownership and disposal.</para>
/// </remarks>
public sealed partial class ConnectionPool<TConnection> : IConnectionPool<TConnection>
    where TConnection : class, IPoolableConnection
{
    private readonly Lock _lock = new();
    private readonly IConnectionFactory<TConnection> _factory;
    private readonly ConnectionPoolOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ExpiryPolicy _expiry;
    private readonly Dictionary<PoolKey, OriginPool<TConnection>> _origins = [];

    // Leased connections (and idle ones being checked before a lease), to find their entry on return.
    private readonly Dictionary<TConnection, ConnectionEntry<TConnection>> _leased = new(ReferenceEqualityComparer.Instance);

    // Origins with at least one waiter, to find the oldest servable waiter without scanning every origin.
    private readonly List<OriginPool<TConnection>> _waitingOrigins = [];

    private readonly ITimer? _sweepTimer;

    // Guarded by _lock: every connection counted in any origin (idle, active, connecting, closing), the
    // idle ones among them, and the arrival number of the next waiter.
    private int _total;
    private int _idleTotal;
    private long _nextWaiterSequence;
    private bool _disposed;

    // Cumulative, for statistics.
    private long _connectionsCreated;
    private long _connectionsReused;
    private long _connectionsDisposed;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="factory">Opens new connections; see <see cref="IConnectionFactory{TConnection}"/>.</param>
    /// <param name="options">Limits and timeouts; the defaults of <see cref="ConnectionPoolOptions"/> when null.</param>
    /// <param name="timeProvider">The clock for expiry, pool timeouts and the sweep; <see cref="TimeProvider.System"/> when null.</param>
    public ConnectionPool(IConnectionFactory<TConnection> factory, ConnectionPoolOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _options = options ?? new ConnectionPoolOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _expiry = new ExpiryPolicy(_timeProvider, _options.IdleTimeout, _options.MaxLifetime);
        _sweepTimer = StartSweepTimer();
    }

    /// <inheritdoc />
    public PoolLease<TConnection> Rent(PoolKey key, TimeSpan poolTimeout, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ValidateRentArguments(key, poolTimeout);
        ValueTask<PoolLease<TConnection>> rent = RentCoreAsync(key, poolTimeout, connectTimeout, async: false, cancellationToken);
        Debug.Assert(rent.IsCompleted, "The sync path never awaits anything incomplete.");
        return rent.GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public ValueTask<PoolLease<TConnection>> RentAsync(PoolKey key, TimeSpan poolTimeout, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ValidateRentArguments(key, poolTimeout);
        return RentCoreAsync(key, poolTimeout, connectTimeout, async: true, cancellationToken);
    }

    /// <inheritdoc />
    public void Return(TConnection connection, bool reusable)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ConnectionEntry<TConnection>? entry;
        lock (_lock)
        {
            if (!_leased.TryGetValue(connection, out entry))
            {
                throw new InvalidOperationException("The connection is not leased from this pool: it was never rented from it, or it was already returned.");
            }

            if (reusable && !_disposed && !_expiry.IsPastLifetime(entry.CreatedAt, _timeProvider.GetTimestamp()))
            {
                ReturnReusableLocked(entry);
                return;
            }

            MoveLeasedToClosingLocked(entry);
        }

        DisposeClosing(entry);
    }

    private static void ValidateRentArguments(PoolKey key, TimeSpan poolTimeout)
    {
        key.Validate(nameof(key));
        if (poolTimeout < TimeSpan.Zero && poolTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(poolTimeout), poolTimeout, "The pool timeout must be zero, positive or Timeout.InfiniteTimeSpan.");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<PoolLease<TConnection>> RentCoreAsync(PoolKey key, TimeSpan poolTimeout, TimeSpan connectTimeout, bool async, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        RentTicket<TConnection> ticket;
        lock (_lock)
        {
            ticket = AcquireLocked(key, poolTimeout, async);
        }

        if (ticket.Waiter is { } waiter)
        {
            ticket = await WaitForTicketAsync(waiter, key, poolTimeout, async, cancellationToken).ConfigureAwait(false);
        }

        while (ticket.Candidate is { } candidate)
        {
            if (PassesReuseCheck(candidate))
            {
                Interlocked.Increment(ref _connectionsReused);
                return new PoolLease<TConnection>(candidate.Connection, IsReused: true);
            }

            ticket = DiscardCandidate(candidate);
        }

        return await CreateConnectionAsync(ticket, key, connectTimeout, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether an idle connection (already counted active for this renter) may be handed out.</summary>
    private bool PassesReuseCheck(ConnectionEntry<TConnection> candidate)
    {
        bool reusable;
        try
        {
            reusable = !_expiry.IsExpired(candidate.CreatedAt, candidate.IdleSince, _timeProvider.GetTimestamp())
                && candidate.Connection.IsAlive();
        }
        catch
        {
            // IsAlive broke its contract; the connection is unusable and its slot must not leak.
            lock (_lock)
            {
                MoveLeasedToClosingLocked(candidate);
            }

            DisposeClosing(candidate);
            throw;
        }

        return reusable;
    }

    /// <summary>Disposes an expired or dead candidate and decides what the renter does next with its slot.</summary>
    private RentTicket<TConnection> DiscardCandidate(ConnectionEntry<TConnection> candidate)
    {
        try
        {
            DisposeConnection(candidate.Connection);
        }
        catch
        {
            lock (_lock)
            {
                ReleaseActiveLocked(candidate);
            }

            throw;
        }

        lock (_lock)
        {
            return ReplaceDiscardedCandidateLocked(candidate);
        }
    }

    /// <summary>Opens a connection in the slot reserved by <paramref name="permit"/>.</summary>
    private async ValueTask<PoolLease<TConnection>> CreateConnectionAsync(RentTicket<TConnection> permit, PoolKey key, TimeSpan connectTimeout, bool async, CancellationToken cancellationToken)
    {
        OriginPool<TConnection> origin = permit.Origin;
        TConnection connection;
        try
        {
            if (permit.Evicted is { } evicted)
            {
                DisposeClosing(evicted);
            }

            connection = async
                ? await _factory.CreateAsync(key, connectTimeout, cancellationToken).ConfigureAwait(false)
                : _factory.Create(key, connectTimeout, cancellationToken);
        }
        catch
        {
            // The factory's exception reaches the renter unchanged; only the slot is given back.
            lock (_lock)
            {
                ReleaseConnectingLocked(origin);
            }

            throw;
        }

        if (connection is null)
        {
            lock (_lock)
            {
                ReleaseConnectingLocked(origin);
            }

            throw new InvalidOperationException("The connection factory returned null.");
        }

        Interlocked.Increment(ref _connectionsCreated);
        var entry = new ConnectionEntry<TConnection>(connection, origin, _timeProvider.GetTimestamp());
        lock (_lock)
        {
            if (!_disposed)
            {
                if (!_leased.TryAdd(connection, entry))
                {
                    // Not ours to dispose: someone else holds this very connection.
                    ReleaseConnectingLocked(origin);
                    throw new InvalidOperationException("The connection factory returned a connection that is already in the pool.");
                }

                origin.Connecting--;
                origin.Active++;
                return new PoolLease<TConnection>(connection, IsReused: false);
            }

            origin.Connecting--;
            origin.Closing++;
        }

        // The pool was disposed while the connection was being opened.
        DisposeClosing(entry);
        throw new ObjectDisposedException(GetType().FullName);
    }

    private void DisposeConnection(TConnection connection)
    {
        Interlocked.Increment(ref _connectionsDisposed);
        connection.Dispose();
    }

    /// <summary>Disposes a connection counted as closing, then frees its slot.</summary>
    private void DisposeClosing(ConnectionEntry<TConnection> entry)
    {
        try
        {
            DisposeConnection(entry.Connection);
        }
        finally
        {
            lock (_lock)
            {
                entry.Origin.Closing--;
                _total--;
                ServeWaitersLocked();
                RemoveIfEmptyLocked(entry.Origin);
            }
        }
    }
}
