using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Transport;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>
/// TCP to one loopback port whatever endpoint is asked for, recording the endpoints: lets a test request default
/// ports (80, 443) or other hosts while a loopback server on an ephemeral port answers.
/// </summary>
internal sealed class RedirectingTransport(int port) : ITransport
{
    private readonly SocketTransport _inner = new();

    public ConcurrentQueue<TransportEndpoint> Requested { get; } = new();

    public string Identity => "redirect";

    public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        Requested.Enqueue(endpoint);
        return _inner.Connect(TransportEndpoint.Tcp("127.0.0.1", port), connectTimeout, cancellationToken);
    }

    public ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        Requested.Enqueue(endpoint);
        return _inner.ConnectAsync(TransportEndpoint.Tcp("127.0.0.1", port), connectTimeout, cancellationToken);
    }
}
