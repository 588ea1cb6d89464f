using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

/// <summary>
/// The TLS decorator owns the inner connection: it releases it when the handshake fails and when the TLS
/// connection is disposed, and it leaves the inner connection's timeouts as they were after the handshake.
/// </summary>
public class TlsCleanupTests
{
    private readonly RecordingTransport _inner = new(new SocketTransport());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_handshake_disposes_the_inner_connection(bool async)
    {
        await using var server = TlsServer();
        var transport = new TlsTransport(_inner);

        await Assert.ThrowsAsync<TlsException>(async () => await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async));

        RecordingConnection inner = Assert.Single(_inner.Connections);
        Assert.True(inner.Disposed);
        Assert.False(inner.Connection.IsAlive());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_the_TLS_connection_disposes_the_SslStream_and_the_inner_connection(bool disposeAsync)
    {
        await using var server = TlsServer();
        ITransportConnection connection = await Io.ConnectAsync(Trusting(), TransportEndpoint.Tcp("localhost", server.Port), async: true);
        RecordingConnection inner = Assert.Single(_inner.Connections);

        if (disposeAsync)
        {
            await connection.DisposeAsync();
        }
        else
        {
            connection.Dispose();
        }

        Assert.Equal(disposeAsync, inner.DisposedAsync);
        Assert.Equal(!disposeAsync, inner.Disposed);
        // The SslStream itself refuses use (were only the socket closed, SslStream would report an IOException).
        Assert.Throws<ObjectDisposedException>(() => connection.Stream.Read(new byte[1]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await connection.Stream.WriteAsync(new byte[1]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_handshake_budget_does_not_outlive_the_handshake(bool async)
    {
        await using var server = TlsServer();
        TimeSpan connectTimeout = TimeSpan.FromSeconds(30);

        await using ITransportConnection connection = await Io.ConnectAsync(Trusting(), TransportEndpoint.Tcp("localhost", server.Port), async, connectTimeout);

        // SocketTransport's connections start without timeouts; the handshake's bounds are taken off again.
        Assert.Equal(Timeout.InfiniteTimeSpan, connection.ReadTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, connection.WriteTimeout);
        connection.ReadTimeout = TimeSpan.FromSeconds(3);
        connection.WriteTimeout = TimeSpan.FromSeconds(4);
        RecordingConnection inner = Assert.Single(_inner.Connections);
        Assert.Equal(TimeSpan.FromSeconds(3), inner.Connection.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), inner.Connection.WriteTimeout);
    }

    private TlsTransport Trusting() => new(_inner, new TlsOptions
    {
        AuthenticationOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate?.GetCertHashString() == TestCertificates.Localhost.GetCertHashString(),
        },
    });

    private static EchoServer TlsServer() =>
        new(new IPEndPoint(IPAddress.Loopback, 0), new EchoServerTls(TestCertificates.Localhost, ["http/1.1"]));

    /// <summary>Hands out the inner transport's connections and remembers how each was disposed.</summary>
    private sealed class RecordingTransport(ITransport inner) : ITransport
    {
        public ConcurrentQueue<RecordingConnection> Connections { get; } = new();

        public string Identity => inner.Identity;

        public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken) =>
            Record(inner.Connect(endpoint, connectTimeout, cancellationToken));

        public async ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken) =>
            Record(await inner.ConnectAsync(endpoint, connectTimeout, cancellationToken));

        private RecordingConnection Record(ITransportConnection connection)
        {
            var recording = new RecordingConnection(connection);
            Connections.Enqueue(recording);
            return recording;
        }
    }

    private sealed class RecordingConnection(ITransportConnection connection) : ITransportConnection
    {
        public ITransportConnection Connection => connection;

        public bool Disposed { get; private set; }

        public bool DisposedAsync { get; private set; }

        public TransportEndpoint Endpoint => connection.Endpoint;

        public Stream Stream => connection.Stream;

        public EndPoint? LocalEndPoint => connection.LocalEndPoint;

        public EndPoint? RemoteEndPoint => connection.RemoteEndPoint;

        public bool IsSecure => connection.IsSecure;

        public string? ApplicationProtocol => connection.ApplicationProtocol;

        public SslProtocols TlsProtocol => connection.TlsProtocol;

        public X509Certificate2? RemoteCertificate => connection.RemoteCertificate;

        public TimeSpan ReadTimeout
        {
            get => connection.ReadTimeout;
            set => connection.ReadTimeout = value;
        }

        public TimeSpan WriteTimeout
        {
            get => connection.WriteTimeout;
            set => connection.WriteTimeout = value;
        }

        public bool IsAlive() => connection.IsAlive();

        public void Dispose()
        {
            Disposed = true;
            connection.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            DisposedAsync = true;
            return connection.DisposeAsync();
        }
    }
}
