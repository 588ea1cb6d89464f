using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// Opens byte connections to endpoints. This is the seam under Reqivo's connection pool: TCP, Unix domain
/// sockets, TLS, proxy tunnels and in-memory pipes are all transports, and TLS and tunnels decorate another
/// transport. A transport moves bytes and knows nothing of HTTP.
/// </summary>
/// <remarks>
/// <para><b>Thread safety.</b> Implementations must allow <see cref="Connect"/> and <see cref="ConnectAsync"/> to be
/// called concurrently from any number of threads. A transport holds configuration, not connections.</para>
/// <para><b>Ownership.</b> Each call returns a new connection that the caller owns and must dispose. A failed call
/// leaves nothing open.</para>
/// <para><b>Errors.</b> Failures are reported as <see cref="ConnectException"/> (<see cref="TlsException"/> for TLS),
/// a timeout as <see cref="ConnectTimeoutException"/>, and the caller's cancellation as
/// <see cref="OperationCanceledException"/>, never as a timeout. Invalid arguments throw <see cref="ArgumentException"/>.</para>
/// <para><b>Sync and async.</b> <see cref="Connect"/> must do blocking work on the calling thread only: it must not
/// wait on a task (no sync-over-async), so that it keeps working when the thread pool is starved.</para>
/// </remarks>
public interface ITransport
{
    /// <summary>
    /// A short stable name that tells transports apart in connection pool keys, for example <c>tcp</c>,
    /// <c>tls(tcp)</c> or a proxy's address. Two transports with the same identity must produce interchangeable
    /// connections to the same endpoint.
    /// </summary>
    string Identity { get; }

    /// <summary>Opens a connection, blocking the calling thread.</summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="connectTimeout">The budget for the whole connect (name resolution, every attempt, any handshake); <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The open connection, owned by the caller.</returns>
    /// <exception cref="ConnectException">The connection could not be opened.</exception>
    /// <exception cref="ConnectTimeoutException">The connect did not finish within <paramref name="connectTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken);

    /// <summary>Opens a connection asynchronously.</summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="connectTimeout">The budget for the whole connect (name resolution, every attempt, any handshake); <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The open connection, owned by the caller.</returns>
    /// <exception cref="ConnectException">The connection could not be opened.</exception>
    /// <exception cref="ConnectTimeoutException">The connect did not finish within <paramref name="connectTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken);
}
