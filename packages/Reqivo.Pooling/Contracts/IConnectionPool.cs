using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Pooling;

/// <summary>
/// Lends connections per <see cref="PoolKey"/>, reusing idle ones (most recently returned first) and opening
/// new ones within its limits; renters beyond the limits wait in line (first come, first served).
/// </summary>
/// <typeparam name="TConnection">The kind of connection pooled.</typeparam>
/// <remarks>
/// <para><b>Threading.</b> Every member is thread-safe.</para>
/// <para><b>Ownership.</b> A leased connection belongs to the renter until it is given back with
/// <see cref="Return(TConnection, bool)"/>, exactly once. The renter never disposes a leased connection
/// itself (it returns it with <c>reusable: false</c>) and never touches it after returning it.</para>
/// <para><b>Disposal.</b> Disposing the pool closes every idle connection, fails every waiting renter with
/// <see cref="ObjectDisposedException"/>, and makes every later <see cref="Return(TConnection, bool)"/>
/// close the returned connection. Leased connections stay usable until they are returned.</para>
/// </remarks>
public interface IConnectionPool<TConnection> : IDisposable, IAsyncDisposable
    where TConnection : class, IPoolableConnection
{
    /// <summary>
    /// Leases a connection for <paramref name="key"/>, blocking the calling thread while it waits for a slot
    /// and while a new connection is opened. Waiting does not need the thread pool.
    /// </summary>
    /// <param name="key">The origin and transport identity.</param>
    /// <param name="poolTimeout">How long to wait for a free slot: <see cref="TimeSpan.Zero"/> fails at once
    /// when none is free, <see cref="Timeout.InfiniteTimeSpan"/> waits for ever. It does not bound the time
    /// the factory takes to open a connection.</param>
    /// <param name="connectTimeout">Passed to the factory when a new connection must be opened: the time that
    /// opening it may take (<see cref="Timeout.InfiniteTimeSpan"/> for no limit).</param>
    /// <param name="cancellationToken">Cancels the wait and the connection attempt.</param>
    /// <returns>The lease: the connection, and whether it was used before.</returns>
    /// <exception cref="PoolTimeoutException">No slot became free within <paramref name="poolTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The pool is, or was while waiting, disposed.</exception>
    PoolLease<TConnection> Rent(PoolKey key, TimeSpan poolTimeout, TimeSpan connectTimeout, CancellationToken cancellationToken);

    /// <summary>Leases a connection for <paramref name="key"/> without blocking the calling thread.</summary>
    /// <param name="key">The origin and transport identity.</param>
    /// <param name="poolTimeout">How long to wait for a free slot; see <see cref="Rent"/>.</param>
    /// <param name="connectTimeout">Passed to the factory when a new connection must be opened; see <see cref="Rent"/>.</param>
    /// <param name="cancellationToken">Cancels the wait and the connection attempt.</param>
    /// <returns>The lease: the connection, and whether it was used before.</returns>
    /// <exception cref="PoolTimeoutException">No slot became free within <paramref name="poolTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The pool is, or was while waiting, disposed.</exception>
    ValueTask<PoolLease<TConnection>> RentAsync(PoolKey key, TimeSpan poolTimeout, TimeSpan connectTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a leased connection back. A reusable connection goes straight to the first renter waiting for
    /// its key, or becomes idle. A connection that is not reusable, has outlived its maximum lifetime, or is
    /// returned to a disposed pool is disposed on the calling thread, and its slot is freed.
    /// </summary>
    /// <param name="connection">A connection leased from this pool and not yet returned.</param>
    /// <param name="reusable">Whether the connection can carry another exchange (for example: the response
    /// was read to its end and the peer did not ask to close).</param>
    /// <exception cref="InvalidOperationException">The connection is not currently leased from this pool.</exception>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Rent/Return is the pooling vocabulary of .NET (ArrayPool<T>.Return); callers in VB can still call it.")]
    void Return(TConnection connection, bool reusable);

    /// <summary>A consistent snapshot of the pool's counts and cumulative counters.</summary>
    /// <returns>The snapshot.</returns>
    PoolStatistics GetStatistics();
}
