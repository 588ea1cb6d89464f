using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.Transport;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// The handshake runs under the connect budget; once open, reads and writes have no timeout of their own (the caller's
/// token, keep-alive and the close timeout bound them), so no leftover handshake budget fails a slow send later.
/// </summary>
public sealed class ConnectionTimeoutTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task After_the_handshake_reads_and_writes_have_no_timeout(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        var transport = new RecordingTransport(new SocketTransport());
        var options = new WebSocketOptions { Transport = transport, ConnectTimeout = TimeSpan.FromSeconds(20) };

        using WebSocketClient client = await Modes.ConnectAsync(host.Ws("/ws/echo"), options, async);
        await client.SendTextAsync("after the handshake", async);
        WebSocketMessage echoed = await client.ReceiveAsync(async);

        Assert.Equal("after the handshake", echoed.Text);
        ITransportConnection connection = Assert.IsAssignableFrom<ITransportConnection>(transport.Last);
        Assert.Equal(Timeout.InfiniteTimeSpan, connection.ReadTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, connection.WriteTimeout);
    }

    /// <summary>Hands out the inner transport's connections and keeps the last one for the test to inspect.</summary>
    private sealed class RecordingTransport(ITransport inner) : ITransport
    {
        public ITransportConnection? Last { get; private set; }

        public string Identity => inner.Identity;

        public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken) =>
            Last = inner.Connect(endpoint, connectTimeout, cancellationToken);

        public async ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken) =>
            Last = await inner.ConnectAsync(endpoint, connectTimeout, cancellationToken);
    }
}
