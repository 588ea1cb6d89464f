using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Pooling;

/// <summary>
/// Opens new connections for a <see cref="IConnectionPool{TConnection}"/>. The pool calls it when a renter
/// holds a free slot and no idle connection of the key can be reused.
/// </summary>
/// <typeparam name="TConnection">The kind of connection produced.</typeparam>
/// <remarks>
/// <para><b>Threading.</b> The pool calls the factory outside its lock, possibly concurrently for the same
/// and for different keys. Implementations must be thread-safe.</para>
/// <para><b>Ownership.</b> Each call returns a new connection that nobody else holds; the pool takes
/// ownership of it as soon as the call returns. On failure, the factory disposes whatever it opened.</para>
/// <para><b>Errors.</b> Exceptions (including <see cref="System.OperationCanceledException"/>) reach the
/// renter unchanged; the pool only frees the slot that was reserved for the connection.</para>
/// <para><b>What an implementation must not do.</b> Return <see langword="null"/> or a connection it already
/// returned before; call back into the pool; ignore <c>cancellationToken</c>.</para>
/// </remarks>
public interface IConnectionFactory<TConnection>
    where TConnection : class, IPoolableConnection
{
    /// <summary>Opens a connection for <paramref name="key"/> with blocking I/O (the pool's sync path).</summary>
    /// <param name="key">The origin and transport identity to connect to.</param>
    /// <param name="connectTimeout">How long opening the connection may take, as the renter asked
    /// (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A new, open connection.</returns>
    TConnection Create(PoolKey key, TimeSpan connectTimeout, CancellationToken cancellationToken);

    /// <summary>Opens a connection for <paramref name="key"/> with asynchronous I/O (the pool's async path).</summary>
    /// <param name="key">The origin and transport identity to connect to.</param>
    /// <param name="connectTimeout">How long opening the connection may take, as the renter asked
    /// (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A new, open connection.</returns>
    ValueTask<TConnection> CreateAsync(PoolKey key, TimeSpan connectTimeout, CancellationToken cancellationToken);
}
