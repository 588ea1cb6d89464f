using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

public class TlsTransportTests
{
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("secret ping");

    private static TlsOptions TrustTestCertificate(params string[] applicationProtocols) => new()
    {
        ApplicationProtocols = applicationProtocols.Length == 0 ? ["http/1.1"] : applicationProtocols,
        AuthenticationOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == TestCertificates.Localhost.GetCertHashString(),
        },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_untrusted_certificate_is_a_TlsException_with_the_chain_errors(bool async)
    {
        await using var server = TlsServer();
        var transport = new TlsTransport(new SocketTransport());
        TransportEndpoint endpoint = TransportEndpoint.Tcp("localhost", server.Port);

        var error = await Assert.ThrowsAsync<TlsException>(async () => await Io.ConnectAsync(transport, endpoint, async));

        Assert.True(error.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.NotEqual(X509ChainStatusFlags.NoError, error.ChainStatus);
        Assert.Equal(endpoint, error.Endpoint);
        Assert.IsAssignableFrom<ConnectException>(error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_validation_callback_that_accepts_the_certificate_gives_a_secure_connection(bool async)
    {
        await using var server = TlsServer();
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async);

        Assert.True(connection.IsSecure);
        Assert.NotEqual(SslProtocols.None, connection.TlsProtocol);
        Assert.Equal(TestCertificates.Localhost.Thumbprint, connection.RemoteCertificate?.Thumbprint);
        Assert.Equal(server.EndPoint, connection.RemoteEndPoint);
        Assert.NotNull(connection.LocalEndPoint);
        Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALPN_negotiates_http_1_1_and_SNI_is_the_host(bool async)
    {
        await using var server = TlsServer("h2", "http/1.1");
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async);
        EchoSession session = await server.WaitForSessionAsync(0);
        await session.Handshake;

        Assert.Equal("http/1.1", connection.ApplicationProtocol);
        Assert.Equal("http/1.1", session.ApplicationProtocol);
        Assert.Equal("localhost", session.ServerName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_preferred_protocol_the_server_accepts_wins(bool async)
    {
        await using var server = TlsServer("h2", "http/1.1");
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate("h2", "http/1.1"));

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async);

        Assert.Equal("h2", connection.ApplicationProtocol);
    }

    [Fact]
    public async Task No_ALPN_offered_means_no_application_protocol()
    {
        await using var server = TlsServer();
        var options = TrustTestCertificate();
        var transport = new TlsTransport(new SocketTransport(), new TlsOptions { ApplicationProtocols = [], AuthenticationOptions = options.AuthenticationOptions });

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async: true);

        Assert.Null(connection.ApplicationProtocol);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_SNI_is_sent_for_an_IP_literal(bool async)
    {
        await using var server = TlsServer();
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("127.0.0.1", server.Port), async);
        EchoSession session = await server.WaitForSessionAsync(0);
        await session.Handshake;

        Assert.Null(session.ServerName);
        Assert.True(connection.IsSecure);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_that_never_answers_TLS_is_a_ConnectTimeoutException(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());
        // Long enough for the ClientHello to leave on a loaded machine even when this is the process's first TLS
        // handshake (loading the TLS library takes a while), which the last assertion relies on.
        TimeSpan timeout = TimeSpan.FromSeconds(2);

        var error = await Assert.ThrowsAsync<ConnectTimeoutException>(async () =>
            await Io.ConnectAsync(transport, TransportEndpoint.Tcp("127.0.0.1", server.Port), async, timeout));

        Assert.Equal(timeout, error.Timeout);
        ScriptedConnection attempt = await server.WaitForConnectionAsync(0);
        Assert.True(Io.Eventually(() => attempt.Received.Length > 0));
        Assert.Equal(0x16, attempt.Received[0]); // RFC 8446 §5.1: a handshake record (the ClientHello) was sent
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_that_hangs_up_during_the_handshake_is_a_TlsException(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveBytes(5).Abort());
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());

        var error = await Assert.ThrowsAsync<TlsException>(async () =>
            await Io.ConnectAsync(transport, TransportEndpoint.Tcp("127.0.0.1", server.Port), async));

        Assert.Equal(SslPolicyErrors.None, error.PolicyErrors);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silent_peer_after_the_handshake_is_a_ReadTimeoutException(bool async)
    {
        await using var server = TlsServer();
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());
        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async);
        await Io.EchoAsync(connection, Payload, async);
        connection.ReadTimeout = TimeSpan.FromMilliseconds(100);

        var error = await Assert.ThrowsAsync<ReadTimeoutException>(async () => await Io.ReadAsync(connection.Stream, new byte[16], async));

        Assert.Equal(TimeSpan.FromMilliseconds(100), error.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), connection.ReadTimeout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IsAlive_is_true_after_an_exchange_and_false_once_the_server_closes(bool async)
    {
        var server = TlsServer();
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());
        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async);

        // The first read also consumes what the server sent after the handshake (TLS 1.3 session tickets).
        await Io.EchoAsync(connection, Payload, async);
        bool aliveWhenIdle = connection.IsAlive();
        await server.DisposeAsync();

        Assert.True(aliveWhenIdle);
        Assert.True(Io.Eventually(() => !connection.IsAlive()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_handshake_restores_the_inner_timeouts(bool async)
    {
        await using var server = TlsServer();
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async, TimeSpan.FromSeconds(30));

        Assert.Equal(Timeout.InfiniteTimeSpan, connection.ReadTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, connection.WriteTimeout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_template_settings_pass_through(bool async)
    {
        await using var server = TlsServer();
        TlsOptions trust = TrustTestCertificate();
        trust.AuthenticationOptions!.EnabledSslProtocols = SslProtocols.Tls12;
        var transport = new TlsTransport(new SocketTransport(), trust);

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("localhost", server.Port), async);

        Assert.Equal(SslProtocols.Tls12, connection.TlsProtocol);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_name_mismatch_is_reported(bool async)
    {
        string path = Io.TempSocketPath();
        try
        {
            await using var server = new EchoServer(new UnixDomainSocketEndPoint(path), new EchoServerTls(TestCertificates.Localhost, []));
            SslPolicyErrors seen = SslPolicyErrors.None;
            var transport = new TlsTransport(new SocketTransport(), new TlsOptions
            {
                AuthenticationOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, _, _, errors) =>
                    {
                        seen = errors;
                        return false;
                    },
                },
            });

            var error = await Assert.ThrowsAsync<TlsException>(async () =>
                await Io.ConnectAsync(transport, TransportEndpoint.UnixSocket(path, "wrong.example"), async));

            Assert.True(error.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch));
            Assert.Equal(seen, error.PolicyErrors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TLS_runs_over_a_unix_domain_socket_with_the_endpoint_host_as_SNI(bool async)
    {
        string path = Io.TempSocketPath();
        try
        {
            await using var server = new EchoServer(new UnixDomainSocketEndPoint(path), new EchoServerTls(TestCertificates.Localhost, ["http/1.1"]));
            var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());

            await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.UnixSocket(path, "localhost"), async);
            EchoSession session = await server.WaitForSessionAsync(0);

            Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
            Assert.Equal("localhost", session.ServerName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TLS_decorates_any_transport_even_in_memory(bool async)
    {
        var memory = new InMemoryTransport();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("localhost", 443);
        using InMemoryListener listener = memory.Listen(endpoint);
        Task serve = Task.Run(async () =>
        {
            await using var ssl = new SslStream(await listener.AcceptAsync());
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = TestCertificates.Localhost });
            var buffer = new byte[Payload.Length];
            await ssl.ReadExactlyAsync(buffer);
            await ssl.WriteAsync(buffer);
        });

        await using ITransportConnection connection = await Io.ConnectAsync(new TlsTransport(memory, TrustTestCertificate()), endpoint, async);

        Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
        Assert.True(connection.IsSecure);
        await serve;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancelled_handshake_is_an_OperationCanceledException(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        var transport = new TlsTransport(new SocketTransport(), TrustTestCertificate());
        using var cancellation = new CancellationTokenSource();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("127.0.0.1", server.Port);

        Task<ITransportConnection> connect = async
            ? transport.ConnectAsync(endpoint, Timeout.InfiniteTimeSpan, cancellation.Token).AsTask()
            : Task.Factory.StartNew(() => transport.Connect(endpoint, Timeout.InfiniteTimeSpan, cancellation.Token), TaskCreationOptions.LongRunning);
        ScriptedConnection attempt = await server.WaitForConnectionAsync(0);
        Assert.True(Io.Eventually(() => attempt.Received.Length > 0));
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public void Identity_names_the_inner_transport_and_sets_customized_options_apart()
    {
        var inner = new SocketTransport();

        Assert.Equal("tls(tcp)", new TlsTransport(inner).Identity);
        Assert.Equal(new TlsTransport(inner).Identity, new TlsTransport(inner).Identity);
        Assert.StartsWith("tls(tcp)#", new TlsTransport(inner, new TlsOptions()).Identity, StringComparison.Ordinal);
        Assert.NotEqual(new TlsTransport(inner, new TlsOptions()).Identity, new TlsTransport(inner, new TlsOptions()).Identity);
        Assert.Equal("tls(memory)", new TlsTransport(new InMemoryTransport()).Identity);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentNullException>(() => new TlsTransport(null!));
        Assert.ThrowsAny<ArgumentException>(() => new TlsOptions { ApplicationProtocols = [""] });
        Assert.ThrowsAny<ArgumentException>(() => new TlsOptions { ApplicationProtocols = [new string('a', 256)] });
        Assert.Equal(["http/1.1"], new TlsOptions().ApplicationProtocols);
    }

    private static EchoServer TlsServer(params string[] applicationProtocols) =>
        new(new IPEndPoint(IPAddress.Loopback, 0), new EchoServerTls(TestCertificates.Localhost, applicationProtocols.Length == 0 ? ["http/1.1"] : applicationProtocols));
}
