using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

public class SocketStreamTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Theory]
    [MemberData(nameof(ModesAndTransports))]
    public async Task A_silent_peer_is_a_ReadTimeoutException(bool async, bool dedicatedReadThread)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        await using ITransportConnection connection = await Connect(server, async, dedicatedReadThread);
        connection.ReadTimeout = Short;

        var error = await Assert.ThrowsAsync<ReadTimeoutException>(async () => await Io.ReadAsync(connection.Stream, new byte[16], async));

        Assert.Equal(Short, error.Timeout);
        Assert.Equal(connection.Endpoint, error.Endpoint);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_that_get_data_in_time_do_not_time_out(bool async)
    {
        var script = new ServerScript().ReceiveUntil("1").Send("a").ReceiveUntil("2").Send("b").ReceiveUntil("3").Send("c");
        await using var server = new ScriptedTcpServer(script);
        await using ITransportConnection connection = await Connect(server, async);
        connection.ReadTimeout = Io.Generous;
        var received = new StringBuilder();

        foreach (string step in new[] { "1", "2", "3" })
        {
            await Io.WriteAsync(connection.Stream, Encoding.ASCII.GetBytes(step), async);
            received.Append(Encoding.ASCII.GetString(await Io.ReadExactlyAsync(connection.Stream, 1, async)));
        }

        Assert.Equal("abc", received.ToString());
    }

    [Theory]
    [MemberData(nameof(ModesAndTransports))]
    public async Task A_peer_that_stops_reading_is_a_WriteTimeoutException(bool async, bool dedicatedReadThread)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Pause(new TaskCompletionSource().Task));
        await using ITransportConnection connection = await Connect(server, async, dedicatedReadThread);
        connection.WriteTimeout = Short;
        var chunk = new byte[1 << 20];

        var error = await Assert.ThrowsAsync<WriteTimeoutException>(async () =>
        {
            // Fills the peer's receive buffer and our send buffer; then a write makes no progress.
            for (int i = 0; i < 1024; i++)
            {
                await Io.WriteAsync(connection.Stream, chunk, async);
            }
        });

        Assert.Equal(Short, error.Timeout);
        Assert.Equal(connection.Endpoint, error.Endpoint);
    }

    [Fact]
    public async Task Cancelling_an_async_read_is_an_OperationCanceledException_not_a_timeout()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        await using ITransportConnection connection = await Connect(server, async: true);
        connection.ReadTimeout = Io.Generous;
        using var cancellation = new CancellationTokenSource();

        ValueTask<int> read = connection.Stream.ReadAsync(new byte[16], cancellation.Token);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(ModesAndTransports))]
    public async Task A_reset_is_an_IOException_with_the_socket_error(bool async, bool dedicatedReadThread)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("x").Abort());
        await using ITransportConnection connection = await Connect(server, async, dedicatedReadThread);

        await Io.WriteAsync(connection.Stream, "x"u8.ToArray(), async);
        var error = await Assert.ThrowsAsync<IOException>(async () => await Io.ReadAsync(connection.Stream, new byte[16], async));

        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_graceful_close_is_end_of_stream(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Send("bye").Close());
        await using ITransportConnection connection = await Connect(server, async);

        Assert.Equal("bye"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 3, async));
        Assert.Equal(0, await Io.ReadAsync(connection.Stream, new byte[16], async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IsAlive_is_true_for_an_idle_healthy_connection(bool async)
    {
        await using var server = new EchoServer(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        await using ITransportConnection connection = await Io.ConnectAsync(new SocketTransport(), TransportEndpoint.Tcp("127.0.0.1", server.Port), async);

        await Io.EchoAsync(connection, "hello"u8.ToArray(), async);

        Assert.True(connection.IsAlive());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IsAlive_is_false_after_the_server_closes(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Close());
        await using ITransportConnection connection = await Connect(server, async);

        Assert.True(Io.Eventually(() => !connection.IsAlive()));
        Assert.Equal(0, await Io.ReadAsync(connection.Stream, new byte[1], async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IsAlive_is_false_when_unexpected_bytes_wait(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Send("surprise").NeverRespond());
        await using ITransportConnection connection = await Connect(server, async);

        Assert.True(Io.Eventually(() => !connection.IsAlive()));
        Assert.Equal("surprise"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 8, async));
        Assert.True(connection.IsAlive());
    }

    [Fact]
    public async Task IsAlive_is_false_after_dispose()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        ITransportConnection connection = await Connect(server, async: false);

        connection.Dispose();
        connection.Dispose();

        Assert.False(connection.IsAlive());
        Assert.Throws<ObjectDisposedException>(() => connection.Stream.Read(new byte[1]));
    }

    [Fact]
    public async Task Timeouts_are_validated_and_mirrored_by_the_stream()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        await using ITransportConnection connection = await Connect(server, async: false);

        Assert.Equal(Timeout.InfiniteTimeSpan, connection.ReadTimeout);
        Assert.Equal(Timeout.Infinite, connection.Stream.ReadTimeout);
        connection.ReadTimeout = TimeSpan.FromMilliseconds(1500);
        connection.Stream.WriteTimeout = 2500;

        Assert.True(connection.Stream.CanTimeout);
        Assert.Equal(1500, connection.Stream.ReadTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), connection.WriteTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => connection.ReadTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => connection.WriteTimeout = TimeSpan.FromMilliseconds(-5));
    }

    /// <summary>Blocking and asynchronous calls, on the default socket stream and on a dedicated read thread's.</summary>
    public static TheoryData<bool, bool> ModesAndTransports => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    private static ValueTask<ITransportConnection> Connect(ScriptedTcpServer server, bool async, bool dedicatedReadThread = false) =>
        Io.ConnectAsync(new SocketTransport { DedicatedReadThread = dedicatedReadThread }, TransportEndpoint.Tcp("127.0.0.1", server.Port), async);
}
