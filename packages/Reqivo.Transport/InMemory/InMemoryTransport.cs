using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// A transport without sockets, for tests (Reqivo's and yours): <see cref="Listen"/> on an endpoint, then
/// connections to that endpoint arrive at the returned <see cref="InMemoryListener"/>.
/// </summary>
/// <remarks>
/// <para>A connect completes at once, before the server accepts (like a TCP backlog), and is refused with
/// <see cref="ConnectException"/> (<see cref="System.Net.Sockets.SocketError.ConnectionRefused"/>) when no one listens. Both ends are
/// duplex streams that support blocking and asynchronous calls, honour cancellation and the connection's read
/// timeout, and give end-of-stream when the other end is disposed. Writes never block; the bytes are buffered
/// without limit, so the write timeout never elapses.</para>
/// <para>Thread-safe. Each instance has its own set of listeners.</para>
/// </remarks>
public sealed class InMemoryTransport : ITransport
{
    private readonly ConcurrentDictionary<TransportEndpoint, InMemoryListener> _listeners = new();

    /// <summary><c>memory</c>.</summary>
    public string Identity => "memory";

    /// <summary>Starts listening on <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The endpoint clients will connect to.</param>
    /// <returns>The listener; dispose it to stop listening.</returns>
    /// <exception cref="InvalidOperationException">Someone already listens on <paramref name="endpoint"/>.</exception>
    public InMemoryListener Listen(TransportEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var listener = new InMemoryListener(this, endpoint);
        return _listeners.TryAdd(endpoint, listener)
            ? listener
            : throw new InvalidOperationException($"Something already listens on {endpoint}.");
    }

    /// <inheritdoc/>
    public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        TimeoutValues.Validate(connectTimeout, nameof(connectTimeout));
        cancellationToken.ThrowIfCancellationRequested();
        if (!_listeners.TryGetValue(endpoint, out InMemoryListener? listener))
        {
            throw TransportErrors.Refused(endpoint);
        }

        (InMemoryStream client, InMemoryStream server) = InMemoryStream.CreatePair(endpoint);
        if (!listener.TryQueue(server))
        {
            // The listener was disposed after the lookup.
            throw TransportErrors.Refused(endpoint);
        }

        return new InMemoryConnection(client, endpoint);
    }

    /// <inheritdoc/>
    public ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        TimeoutValues.Validate(connectTimeout, nameof(connectTimeout));
        try
        {
            return ValueTask.FromResult(Connect(endpoint, connectTimeout, cancellationToken));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<ITransportConnection>(e);
        }
    }

    internal void Remove(InMemoryListener listener) =>
        _listeners.TryRemove(new KeyValuePair<TransportEndpoint, InMemoryListener>(listener.Endpoint, listener));
}
