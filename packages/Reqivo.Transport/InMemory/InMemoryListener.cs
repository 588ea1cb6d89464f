using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// The server side of an endpoint of an <see cref="InMemoryTransport"/>: each connect queues a connection, and
/// <see cref="Accept"/> or <see cref="AcceptAsync"/> hands out its server end as a duplex <see cref="Stream"/>.
/// </summary>
/// <remarks>
/// Thread-safe. The caller owns each accepted stream; disposing it gives the client end-of-stream. Disposing the
/// listener stops listening: later connects are refused, waiting accepts throw <see cref="ObjectDisposedException"/>,
/// and connections not yet accepted are closed.
/// </remarks>
public sealed class InMemoryListener : IDisposable
{
    private readonly InMemoryTransport _owner;
    private readonly InMemoryQueue<Stream> _pending = new();

    internal InMemoryListener(InMemoryTransport owner, TransportEndpoint endpoint)
    {
        _owner = owner;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint this listener serves.</summary>
    public TransportEndpoint Endpoint { get; }

    /// <summary>Waits, blocking the calling thread, for the next connection and returns its server end.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The server end of the connection, owned by the caller.</returns>
    /// <exception cref="ObjectDisposedException">The listener was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public Stream Accept(CancellationToken cancellationToken = default) =>
        SyncPath.GetResult(AcceptCoreAsync(async: false, cancellationToken));

    /// <summary>Waits for the next connection and returns its server end.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The server end of the connection, owned by the caller.</returns>
    /// <exception cref="ObjectDisposedException">The listener was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public ValueTask<Stream> AcceptAsync(CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(async: true, cancellationToken);

    /// <summary>Stops listening and closes the connections not yet accepted.</summary>
    public void Dispose()
    {
        _owner.Remove(this);
        foreach (Stream notAccepted in _pending.CompleteAndDrain())
        {
            notAccepted.Dispose();
        }
    }

    internal bool TryQueue(Stream serverEnd) => _pending.TryEnqueue(serverEnd);

    private async ValueTask<Stream> AcceptCoreAsync(bool async, CancellationToken cancellationToken)
    {
        (TakeStatus status, Stream? serverEnd) = await _pending.TakeAsync(async, Deadline.Infinite, cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(status != TakeStatus.Taken, this);
        return serverEnd!;
    }
}
