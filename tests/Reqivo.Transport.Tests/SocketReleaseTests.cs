using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

/// <summary>
/// A failed, timed-out, cancelled or lost connect attempt closes its socket at once, and a disposed connection
/// closes its own: nothing waits for the finalizer.
/// </summary>
public class SocketReleaseTests
{
    private readonly ConcurrentQueue<Socket> _created = new();

    private SocketTransport Transport(bool pollThenBlock = false) => new()
    {
        SocketCreated = _created.Enqueue,
        BlockingConnectStrategy = pollThenBlock ? BlockingConnectStrategy.PollThenBlock : BlockingConnectStrategy.SendTimeout,
        HappyEyeballsDelay = TimeSpan.FromMilliseconds(20),
    };

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Every_refused_attempt_closes_its_socket(bool async, bool pollThenBlock)
    {
        int closedPort = ClosedPort();

        // localhost may resolve to both ::1 and 127.0.0.1: every address is tried and refused.
        await Assert.ThrowsAsync<ConnectException>(async () =>
            await Io.ConnectAsync(Transport(pollThenBlock), TransportEndpoint.Tcp("localhost", closedPort), async));

        Assert.NotEmpty(_created);
        Assert.All(_created, socket => Assert.True(socket.SafeHandle.IsClosed));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_timed_out_attempt_closes_its_socket(bool async)
    {
        using var blackhole = new FullBacklogListener();

        await Assert.ThrowsAsync<ConnectTimeoutException>(async () =>
            await Io.ConnectAsync(Transport(), TransportEndpoint.Tcp("127.0.0.1", blackhole.Port), async, TimeSpan.FromMilliseconds(100)));

        Assert.Single(_created);
        Assert.True(Io.Eventually(() => _created.All(socket => socket.SafeHandle.IsClosed)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancelled_attempt_closes_its_socket(bool async)
    {
        using var blackhole = new FullBacklogListener();
        using var cancellation = new CancellationTokenSource();
        SocketTransport transport = Transport();
        TransportEndpoint endpoint = TransportEndpoint.Tcp("127.0.0.1", blackhole.Port);

        Task connecting = async
            ? transport.ConnectAsync(endpoint, Timeout.InfiniteTimeSpan, cancellation.Token).AsTask()
            : Task.Factory.StartNew(() => transport.Connect(endpoint, Timeout.InfiniteTimeSpan, cancellation.Token), TaskCreationOptions.LongRunning);
        Assert.True(Io.Eventually(() => !_created.IsEmpty));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
        Assert.True(Io.Eventually(() => _created.All(socket => socket.SafeHandle.IsClosed)));
    }

    [Fact]
    public async Task The_losing_attempts_of_a_race_are_closed()
    {
        // ::1 on the port hangs (full backlog); 127.0.0.1 answers once the attempt delay starts the second attempt.
        using var blackhole = new FullBacklogListener(AddressFamily.InterNetworkV6);
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, blackhole.Port));

        using Socket winner = await Transport().ConnectToAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], blackhole.Port, CancellationToken.None);

        Assert.Equal(2, _created.Count);
        Assert.False(winner.SafeHandle.IsClosed);
        Socket loser = Assert.Single(_created, socket => socket != winner);
        Assert.True(Io.Eventually(() => loser.SafeHandle.IsClosed));
    }

    [Theory]
    [InlineData(false, "127.0.0.1")]
    [InlineData(true, "127.0.0.1")]
    [InlineData(false, "/tmp/reqivo-never.sock")]
    [InlineData(true, "/tmp/reqivo-never.sock")]
    public async Task An_already_cancelled_connect_creates_no_socket(bool async, string where)
    {
        TransportEndpoint endpoint = where.StartsWith('/') ? TransportEndpoint.UnixSocket(where) : TransportEndpoint.Tcp(where, ClosedPort());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Io.ConnectAsync(Transport(), endpoint, async, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(_created);
    }

    [Fact]
    public async Task A_first_address_that_answers_at_once_is_the_only_attempt()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        var transport = new SocketTransport { SocketCreated = _created.Enqueue, HappyEyeballsDelay = TimeSpan.FromHours(1) };

        using Socket socket = await transport.ConnectToAnyAsync([IPAddress.Loopback, IPAddress.Loopback, IPAddress.Loopback], server.Port, CancellationToken.None);

        Assert.Same(socket, Assert.Single(_created));
    }

    [Fact]
    public async Task A_blocking_connect_gives_a_silent_first_address_only_its_share_of_the_budget()
    {
        // ::1 on the port hangs (full backlog); 127.0.0.1 answers. With the budget split evenly, the silent address
        // gets half of it and the second attempt the rest; were the first given everything, the connect would fail.
        using var blackhole = new FullBacklogListener(AddressFamily.InterNetworkV6);
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, blackhole.Port));

        using Socket socket = Transport().ConnectToAny([IPAddress.IPv6Loopback, IPAddress.Loopback], blackhole.Port, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(IPAddress.Loopback, Assert.IsType<IPEndPoint>(socket.RemoteEndPoint).Address);
        Assert.Equal(2, _created.Count);
        Assert.True(_created.First().SafeHandle.IsClosed);
        Assert.True(socket.Blocking);
    }

    [Fact]
    public void Blocking_attempts_on_every_refused_address_close_every_socket_and_report_the_last_failure()
    {
        int closedPort = ClosedPort();

        var error = Assert.Throws<SocketException>(() =>
            Transport().ConnectToAny([IPAddress.IPv6Loopback, IPAddress.Loopback], closedPort, Io.Generous, CancellationToken.None));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        Assert.Equal(2, _created.Count);
        Assert.All(_created, socket => Assert.True(socket.SafeHandle.IsClosed));
        Assert.Equal(AddressFamily.InterNetwork, _created.Last().AddressFamily);
    }

    [Fact]
    public void An_expired_budget_stops_before_the_next_address()
    {
        using var blackhole = new FullBacklogListener();

        var error = Assert.Throws<SocketException>(() =>
            Transport().ConnectToAny([IPAddress.Loopback, IPAddress.Loopback], blackhole.Port, TimeSpan.FromMilliseconds(100), CancellationToken.None));

        Assert.Equal(SocketError.TimedOut, error.SocketErrorCode);
        Assert.All(_created, socket => Assert.True(socket.SafeHandle.IsClosed));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_unix_socket_connect_closes_its_socket(bool async)
    {
        string path = Io.TempSocketPath();

        await Assert.ThrowsAsync<ConnectException>(async () =>
            await Io.ConnectAsync(Transport(), TransportEndpoint.UnixSocket(path), async));

        Socket socket = Assert.Single(_created);
        Assert.True(socket.SafeHandle.IsClosed);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Disposing_a_connection_closes_its_socket_once(bool async, bool disposeAsync)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        ITransportConnection connection = await Io.ConnectAsync(Transport(), TransportEndpoint.Tcp("127.0.0.1", server.Port), async);
        Socket socket = Assert.Single(_created);
        Assert.False(socket.SafeHandle.IsClosed);

        if (disposeAsync)
        {
            await connection.DisposeAsync();
        }
        else
        {
            connection.Dispose();
        }

        Assert.True(socket.SafeHandle.IsClosed);
        Assert.False(connection.IsAlive());
        connection.Dispose();
        await connection.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => connection.Stream.Write(new byte[1]));
    }

    private static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
