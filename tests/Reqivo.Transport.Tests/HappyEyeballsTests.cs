using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

public class HappyEyeballsTests
{
    [Fact]
    public async Task A_silent_first_address_does_not_stop_the_next_one()
    {
        // ::1 on the port hangs (full backlog); 127.0.0.1 on the same port answers.
        using var blackhole = new FullBacklogListener(AddressFamily.InterNetworkV6);
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, blackhole.Port));
        var transport = new SocketTransport { HappyEyeballsDelay = TimeSpan.FromMilliseconds(50) };

        using Socket socket = await transport.ConnectToAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], blackhole.Port, CancellationToken.None);

        Assert.Equal(IPAddress.Loopback, Assert.IsType<IPEndPoint>(socket.RemoteEndPoint).Address);
    }

    [Fact]
    public async Task A_refused_first_address_starts_the_next_at_once()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        // A delay longer than the test budget: only the failure of the first attempt can start the second.
        var transport = new SocketTransport { HappyEyeballsDelay = TimeSpan.FromHours(1) };
        using var budget = new CancellationTokenSource(Io.Generous);

        using Socket socket = await transport.ConnectToAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], server.Port, budget.Token);

        Assert.Equal(IPAddress.Loopback, Assert.IsType<IPEndPoint>(socket.RemoteEndPoint).Address);
    }

    [Fact]
    public async Task When_every_address_fails_the_last_failure_is_reported()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int closedPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        probe.Dispose();

        var error = await Assert.ThrowsAsync<SocketException>(async () =>
            await new SocketTransport().ConnectToAnyAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], closedPort, CancellationToken.None));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Cancellation_stops_every_attempt()
    {
        using var blackhole4 = new FullBacklogListener();
        using var cancellation = new CancellationTokenSource();
        var transport = new SocketTransport { HappyEyeballsDelay = TimeSpan.FromMilliseconds(1) };

        Task<Socket> connect = transport.ConnectToAnyAsync([IPAddress.Loopback, IPAddress.Loopback], blackhole4.Port, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
    }

    [Fact]
    public void Families_alternate_starting_with_the_first_answer()
    {
        IPAddress v6a = IPAddress.Parse("2001:db8::1"), v6b = IPAddress.Parse("2001:db8::2"), v6c = IPAddress.Parse("2001:db8::3");
        IPAddress v4a = IPAddress.Parse("192.0.2.1"), v4b = IPAddress.Parse("192.0.2.2");

        Assert.Equal([v6a, v4a, v6b, v4b, v6c], AddressOrdering.Interleave([v6a, v6b, v6c, v4a, v4b]));
        Assert.Equal([v4a, v6a, v4b, v6b, v6c], AddressOrdering.Interleave([v4a, v4b, v6a, v6b, v6c]));
        Assert.Equal([v4a, v4b], AddressOrdering.Interleave([v4a, v4b]));
        Assert.Equal([v6a], AddressOrdering.Interleave([v6a]));
    }
}
