using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

public class SocketTransportTests
{
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("ping over a real socket");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connects_over_IPv4_and_echoes(bool async)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        await using ITransportConnection connection = await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.Tcp("127.0.0.1", server.Port), async);

        Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
        Assert.Equal(server.EndPoint, connection.RemoteEndPoint);
        Assert.Equal(IPAddress.Loopback, Assert.IsType<IPEndPoint>(connection.LocalEndPoint).Address);
        Assert.False(connection.IsSecure);
        Assert.Null(connection.ApplicationProtocol);
        Assert.Equal(SslProtocols.None, connection.TlsProtocol);
        Assert.Null(connection.RemoteCertificate);
        Assert.Equal(TransportEndpoint.Tcp("127.0.0.1", server.Port), connection.Endpoint);
    }

    [Theory]
    [InlineData("::1", false)]
    [InlineData("::1", true)]
    [InlineData("[::1]", false)]
    [InlineData("[::1]", true)]
    public async Task Connects_over_IPv6_loopback(string host, bool async)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        await using ITransportConnection connection = await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.Tcp(host, server.Port), async);

        Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
        Assert.Equal(AddressFamily.InterNetworkV6, Assert.IsType<IPEndPoint>(connection.RemoteEndPoint).AddressFamily);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resolves_localhost_as_the_operating_system_does(bool async)
    {
        IPAddress[] localhost = await Dns.GetHostAddressesAsync("localhost");
        IPAddress first = AddressOrdering.Interleave(localhost)[0];
        await using var server = new EchoServer(new IPEndPoint(first, 0));

        await using ITransportConnection connection = await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.Tcp("localhost", server.Port), async);

        Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
        Assert.Contains(Assert.IsType<IPEndPoint>(connection.RemoteEndPoint).Address, localhost);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connects_to_a_unix_domain_socket(bool async)
    {
        string path = Io.TempSocketPath();
        try
        {
            await using var server = new EchoServer(new UnixDomainSocketEndPoint(path));
            await using ITransportConnection connection = await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.UnixSocket(path), async);

            Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async));
            Assert.Equal(path, connection.Endpoint.UnixSocketPath);
            Assert.IsType<UnixDomainSocketEndPoint>(connection.RemoteEndPoint);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_refused_port_is_a_ConnectException_with_the_socket_error(bool async, bool pollThenBlock)
    {
        int closedPort = ClosedPort();
        var transport = Transport(pollThenBlock);
        TransportEndpoint endpoint = TransportEndpoint.Tcp("127.0.0.1", closedPort);

        var error = await Assert.ThrowsAsync<ConnectException>(async () => await Io.ConnectAsync(transport, endpoint, async));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketError);
        Assert.Equal("127.0.0.1", error.Host);
        Assert.Equal(closedPort, error.Port);
        Assert.Equal(endpoint, error.Endpoint);
        Assert.IsType<SocketException>(error.InnerException);
        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_unix_socket_is_a_ConnectException(bool async)
    {
        TransportEndpoint endpoint = TransportEndpoint.UnixSocket(Io.TempSocketPath());

        var error = await Assert.ThrowsAsync<ConnectException>(async () => await Io.ConnectAsync(new SocketTransport(), endpoint, async));

        Assert.NotNull(error.SocketError);
        Assert.Equal(endpoint.UnixSocketPath, error.UnixSocketPath);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unresolvable_name_is_a_ConnectException(bool async)
    {
        // .invalid never resolves (RFC 6761 §6.4); the resolver answers locally without a network.
        TransportEndpoint endpoint = TransportEndpoint.Tcp("no-such-host.invalid", 80);

        var error = await Assert.ThrowsAsync<ConnectException>(async () => await Io.ConnectAsync(new SocketTransport(), endpoint, async));

        Assert.NotNull(error.SocketError);
        Assert.IsNotType<TlsException>(error);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_silent_peer_is_a_ConnectTimeoutException(bool async, bool pollThenBlock)
    {
        using var blackhole = new FullBacklogListener();
        var transport = Transport(pollThenBlock);
        TransportEndpoint endpoint = TransportEndpoint.Tcp("127.0.0.1", blackhole.Port);
        TimeSpan timeout = TimeSpan.FromMilliseconds(200);

        var error = await Assert.ThrowsAsync<ConnectTimeoutException>(async () => await Io.ConnectAsync(transport, endpoint, async, timeout));

        Assert.Equal(timeout, error.Timeout);
        Assert.Equal(endpoint, error.Endpoint);
        Assert.Equal(blackhole.Port, error.Port);
        Assert.IsAssignableFrom<ReqivoTimeoutException>(error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silent_IPv6_peer_is_a_ConnectTimeoutException(bool async)
    {
        using var blackhole = new FullBacklogListener(AddressFamily.InterNetworkV6);

        var error = await Assert.ThrowsAsync<ConnectTimeoutException>(async () =>
            await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.Tcp("::1", blackhole.Port), async, TimeSpan.FromMilliseconds(200)));

        Assert.Equal("::1", error.Host);
    }

    [Fact]
    public async Task A_full_unix_socket_backlog_times_out_a_blocking_connect()
    {
        string path = Io.TempSocketPath();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(0);
        try
        {
            TransportEndpoint endpoint = TransportEndpoint.UnixSocket(path);
            var transport = new SocketTransport();
            using ITransportConnection filler = transport.Connect(endpoint, Io.Generous, CancellationToken.None);

            var error = await Assert.ThrowsAsync<ConnectTimeoutException>(async () =>
                await Io.ConnectAsync(transport, endpoint, async: false, TimeSpan.FromMilliseconds(200)));

            Assert.Equal(endpoint, error.Endpoint);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_a_hanging_connect_is_an_OperationCanceledException(bool async)
    {
        using var blackhole = new FullBacklogListener();
        using var cancellation = new CancellationTokenSource();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("127.0.0.1", blackhole.Port);

        // The blocking connect runs on its own thread so this one can cancel it while it hangs.
        Task<ITransportConnection> connect = async
            ? new SocketTransport().ConnectAsync(endpoint, Timeout.InfiniteTimeSpan, cancellation.Token).AsTask()
            : Task.Factory.StartNew(() => new SocketTransport().Connect(endpoint, Timeout.InfiniteTimeSpan, cancellation.Token), TaskCreationOptions.LongRunning);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_already_cancelled_token_is_an_OperationCanceledException(bool async)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.Tcp("127.0.0.1", server.Port), async, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task A_blocking_connect_leaves_the_socket_truly_blocking()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        using ITransportConnection connection = new SocketTransport().Connect(TransportEndpoint.Tcp("127.0.0.1", server.Port), Io.Generous, CancellationToken.None);
        Socket socket = Assert.IsType<SocketConnection>(connection).Socket;

        connection.Stream.Write(Payload);
        connection.Stream.ReadExactly(new byte[Payload.Length]);

        Assert.True(socket.Blocking);
        if (OperatingSystem.IsLinux())
        {
            // PERFORMANCE.md: a socket that ever went non-blocking stays so in the kernel and .NET emulates blocking calls.
            Assert.False(KernelSaysNonBlocking(socket));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Socket_options_are_applied(bool async)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        var transport = new SocketTransport { NoDelay = false, KeepAlive = true };

        await using ITransportConnection connection = await Io.ConnectAsync(transport, TransportEndpoint.Tcp("127.0.0.1", server.Port), async);
        Socket socket = Assert.IsType<SocketConnection>(connection).Socket;

        Assert.False(socket.NoDelay);
        Assert.Equal(1, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.True(new SocketTransport().NoDelay);
    }

    [Fact]
    public async Task Identity_is_tcp_and_arguments_are_checked()
    {
        var transport = new SocketTransport();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("127.0.0.1", 1);

        Assert.Equal("tcp", transport.Identity);
        Assert.Throws<ArgumentNullException>(() => transport.Connect(null!, Io.Generous, CancellationToken.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => transport.Connect(endpoint, TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await transport.ConnectAsync(endpoint, TimeSpan.FromSeconds(-2), CancellationToken.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketTransport { HappyEyeballsDelay = TimeSpan.Zero });
    }

    [Fact]
    public async Task The_portable_blocking_connect_also_connects()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        using ITransportConnection connection = Transport(pollThenBlock: true).Connect(TransportEndpoint.Tcp("127.0.0.1", server.Port), Io.Generous, CancellationToken.None);

        Assert.Equal(Payload, await Io.EchoAsync(connection, Payload, async: false));
        Assert.Equal(server.EndPoint, connection.RemoteEndPoint);
    }

    private static SocketTransport Transport(bool pollThenBlock) => new()
    {
        BlockingConnectStrategy = pollThenBlock ? BlockingConnectStrategy.PollThenBlock : BlockingConnectStrategy.SendTimeout,
    };

    private static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static bool KernelSaysNonBlocking(Socket socket)
    {
        string flags = File.ReadLines($"/proc/self/fdinfo/{socket.Handle}").Single(line => line.StartsWith("flags:", StringComparison.Ordinal));
        const int O_NONBLOCK = 0x800; // 04000 octal
        return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & O_NONBLOCK) != 0;
    }
}
