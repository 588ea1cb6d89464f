using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport.Tests;

/// <summary>The TLS decorator refuses bad arguments itself, before its inner transport opens anything.</summary>
public class TlsTransportArgumentTests
{
    [Fact]
    public async Task A_null_endpoint_is_refused_before_the_inner_transport_is_asked()
    {
        var inner = new CountingTransport();
        var transport = new TlsTransport(inner);

        Assert.Throws<ArgumentNullException>(() => transport.Connect(null!, TimeSpan.FromSeconds(5), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await transport.ConnectAsync(null!, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task A_zero_or_negative_connect_timeout_is_refused_before_the_inner_transport_is_asked()
    {
        var inner = new CountingTransport();
        var transport = new TlsTransport(inner);
        TransportEndpoint endpoint = TransportEndpoint.Tcp("localhost", 443);

        Assert.Throws<ArgumentOutOfRangeException>(() => transport.Connect(endpoint, TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await transport.ConnectAsync(endpoint, TimeSpan.FromSeconds(-1), CancellationToken.None));

        Assert.Equal(0, inner.Calls);
    }

    /// <summary>An inner transport that only counts calls and refuses them.</summary>
    private sealed class CountingTransport : ITransport
    {
        public int Calls { get; private set; }

        public string Identity => "counting";

        public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
        {
            Calls++;
            throw new InvalidOperationException("The inner transport was asked to connect.");
        }

        public ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
        {
            Calls++;
            throw new InvalidOperationException("The inner transport was asked to connect.");
        }
    }
}
