using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.Tests;

namespace Reqivo.Transport.Tests;

/// <summary>
/// Every asynchronous operation, started from a thread with a synchronization context (a UI thread), finishes
/// without posting anything to that context. Each step is started separately, so each step's first truly
/// asynchronous wait is the one observed.
/// </summary>
public class CallerContextTests
{
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("context ping");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Connect_read_write_and_dispose_never_resume_on_the_callers_context(string host)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        var context = new RecordingSynchronizationContext();

        ITransportConnection connection = await context.RunAsync(() =>
            new SocketTransport().ConnectAsync(TransportEndpoint.Tcp(host, server.Port), Io.Generous, CancellationToken.None));
        await EchoThroughAsync(context, connection);
        await context.RunAsync(() => connection.DisposeAsync());

        Assert.True(context.Posts == 0, context.PostedBy);
    }

    [Fact]
    public async Task Racing_two_addresses_never_resumes_on_the_callers_context()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        var context = new RecordingSynchronizationContext();

        // ::1 refuses the port, 127.0.0.1 answers: the race waits on both attempts.
        using Socket socket = await context.RunAsync(() =>
            new SocketTransport().ConnectToAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], server.Port, CancellationToken.None));

        Assert.Equal(IPAddress.Loopback, Assert.IsType<IPEndPoint>(socket.RemoteEndPoint).Address);
        Assert.True(context.Posts == 0, context.PostedBy);
    }

    [Fact]
    public async Task A_unix_socket_connect_never_resumes_on_the_callers_context()
    {
        string path = Io.TempSocketPath();
        try
        {
            await using var server = new EchoServer(new UnixDomainSocketEndPoint(path));
            var context = new RecordingSynchronizationContext();

            await using ITransportConnection connection = await context.RunAsync(() =>
                new SocketTransport().ConnectAsync(TransportEndpoint.UnixSocket(path), Io.Generous, CancellationToken.None));
            await EchoThroughAsync(context, connection);

            Assert.True(context.Posts == 0, context.PostedBy);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_TLS_connection_never_resumes_on_the_callers_context()
    {
        await using var server = new EchoServer(
            new IPEndPoint(IPAddress.Loopback, 0), new EchoServerTls(TestCertificates.Localhost, ["http/1.1"]));
        var transport = new TlsTransport(new SocketTransport(), new TlsOptions
        {
            AuthenticationOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate?.GetCertHashString() == TestCertificates.Localhost.GetCertHashString(),
            },
        });
        var context = new RecordingSynchronizationContext();

        ITransportConnection connection = await context.RunAsync(() =>
            transport.ConnectAsync(TransportEndpoint.Tcp("localhost", server.Port), Io.Generous, CancellationToken.None));
        await EchoThroughAsync(context, connection);
        await context.RunAsync(() => connection.DisposeAsync());

        Assert.True(connection.IsSecure);
        Assert.True(context.Posts == 0, context.PostedBy);
    }

    [Fact]
    public async Task An_in_memory_connection_never_resumes_on_the_callers_context()
    {
        var transport = new InMemoryTransport();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("service.test", 80);
        using InMemoryListener listener = transport.Listen(endpoint);
        var context = new RecordingSynchronizationContext();

        // The accept waits for the connect, the read for the write.
        Task<Stream> accepting = context.RunAsync(() => listener.AcceptAsync());
        await using ITransportConnection client = await context.RunAsync(() => transport.ConnectAsync(endpoint, Io.Generous, CancellationToken.None));
        await using Stream server = await accepting;
        var buffer = new byte[Payload.Length];
        Task<int> reading = context.RunAsync(() => client.Stream.ReadAsync(buffer));
        await server.WriteAsync(Payload);

        Assert.Equal(Payload.Length, await reading);
        Assert.Equal(Payload, buffer);
        Assert.True(context.Posts == 0, context.PostedBy);
    }

    [Fact]
    public async Task A_timed_in_memory_read_never_resumes_on_the_callers_context()
    {
        var transport = new InMemoryTransport();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("service.test", 80);
        using InMemoryListener listener = transport.Listen(endpoint);
        await using ITransportConnection client = await transport.ConnectAsync(endpoint, Io.Generous, CancellationToken.None);
        await using Stream server = await listener.AcceptAsync();
        client.ReadTimeout = Io.Generous;
        var context = new RecordingSynchronizationContext();

        var buffer = new byte[Payload.Length];
        Task<int> reading = context.RunAsync(() => client.Stream.ReadAsync(buffer));
        await server.WriteAsync(Payload);

        Assert.Equal(Payload.Length, await reading);
        Assert.True(context.Posts == 0, context.PostedBy);
    }

    /// <summary>Reads before the echo can arrive (so the read waits), with and without a read timeout, then writes a
    /// payload larger than the socket buffers (so the write waits for the echo to drain).</summary>
    private static async Task EchoThroughAsync(RecordingSynchronizationContext context, ITransportConnection connection)
    {
        foreach (TimeSpan timeout in new[] { Timeout.InfiniteTimeSpan, Io.Generous })
        {
            connection.ReadTimeout = timeout;
            connection.WriteTimeout = timeout;
            var buffer = new byte[Payload.Length];
            Task<int> reading = context.RunAsync(() => connection.Stream.ReadAsync(buffer));
            await context.RunAsync(() => connection.Stream.WriteAsync(Payload));
            Assert.Equal(Payload.Length, await reading);
            Assert.Equal(Payload, buffer);

            byte[] large = new byte[8 << 20];
            Task writing = context.RunAsync(() => connection.Stream.WriteAsync(large));
            await connection.Stream.ReadExactlyAsync(new byte[large.Length]);
            await writing;
        }
    }
}
