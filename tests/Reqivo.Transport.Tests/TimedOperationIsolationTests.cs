using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

/// <summary>
/// A timed asynchronous read reuses the connection's read timer. Each read unlinks the caller's token when it ends,
/// so cancelling the token of a finished read cannot cut short the next one.
/// </summary>
public class TimedOperationIsolationTests
{
    [Fact]
    public async Task Cancelling_the_token_of_a_finished_read_leaves_the_next_read_alone()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        await using ITransportConnection connection = await new SocketTransport().ConnectAsync(
            TransportEndpoint.Tcp("127.0.0.1", server.Port), Io.Generous, CancellationToken.None);
        connection.ReadTimeout = Io.Generous;
        using var first = new CancellationTokenSource();

        await connection.Stream.WriteAsync(new byte[] { 1 });
        Assert.Equal(1, await connection.Stream.ReadAsync(new byte[1], first.Token));
        var buffer = new byte[1];
        Task<int> second = connection.Stream.ReadAsync(buffer, CancellationToken.None).AsTask();
        await first.CancelAsync();
        await connection.Stream.WriteAsync(new byte[] { 2 });

        Assert.Equal(1, await second);
        Assert.Equal(2, buffer[0]);
    }
}
