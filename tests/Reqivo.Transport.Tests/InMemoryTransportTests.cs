using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport.Tests;

public class InMemoryTransportTests
{
    private static readonly TransportEndpoint Endpoint = TransportEndpoint.Tcp("service.test", 80);
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("in-memory ping");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bytes_round_trip(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);

        await using ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        await using Stream server = async ? await listener.AcceptAsync() : listener.Accept();
        await Io.WriteAsync(client.Stream, Payload, async);
        byte[] atServer = await Io.ReadExactlyAsync(server, Payload.Length, async);
        await Io.WriteAsync(server, [.. atServer, (byte)'!'], async);

        Assert.Equal(Payload, atServer);
        byte[] expected = [.. Payload, (byte)'!'];
        Assert.Equal(expected, await Io.ReadExactlyAsync(client.Stream, Payload.Length + 1, async));
        Assert.Equal(Endpoint, client.Endpoint);
        Assert.Null(client.RemoteEndPoint);
        Assert.False(client.IsSecure);
        Assert.Equal("memory", transport.Identity);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Small_reads_take_a_large_write_piece_by_piece(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        await using ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        await using Stream server = listener.Accept();

        await Io.WriteAsync(server, "abcdef"u8.ToArray(), async);
        var two = new byte[2];

        Assert.Equal(2, await Io.ReadAsync(client.Stream, two, async));
        Assert.Equal("ab"u8.ToArray(), two);
        Assert.Equal("cdef"u8.ToArray(), await Io.ReadExactlyAsync(client.Stream, 4, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Closing_one_end_gives_the_other_the_bytes_sent_then_end_of_stream(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        await using ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        Stream server = listener.Accept();

        await Io.WriteAsync(server, "last words"u8.ToArray(), async);
        await server.DisposeAsync();

        Assert.Equal("last words"u8.ToArray(), await Io.ReadExactlyAsync(client.Stream, 10, async));
        Assert.Equal(0, await Io.ReadAsync(client.Stream, new byte[8], async));
        await Assert.ThrowsAsync<IOException>(async () => await Io.WriteAsync(client.Stream, Payload, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_closing_gives_the_server_end_of_stream(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        await using Stream server = listener.Accept();

        Task<int> serverRead = Task.Run(async () => await Io.ReadAsync(server, new byte[8], async));
        await client.DisposeAsync();

        Assert.Equal(0, await serverRead);
        Assert.Throws<ObjectDisposedException>(() => client.Stream.Read(new byte[1]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connecting_where_no_one_listens_is_refused(bool async)
    {
        var transport = new InMemoryTransport();
        using (transport.Listen(TransportEndpoint.Tcp("other.test", 80)))
        {
            var error = await Assert.ThrowsAsync<ConnectException>(async () => await Io.ConnectAsync(transport, Endpoint, async));
            Assert.Equal(SocketError.ConnectionRefused, error.SocketError);
            Assert.Equal(Endpoint, error.Endpoint);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_disposed_listener_refuses_connects_and_closes_unaccepted_connections(bool async)
    {
        var transport = new InMemoryTransport();
        InMemoryListener listener = transport.Listen(Endpoint);
        await using ITransportConnection unaccepted = await Io.ConnectAsync(transport, Endpoint, async);

        listener.Dispose();

        Assert.Equal(0, await Io.ReadAsync(unaccepted.Stream, new byte[1], async));
        await Assert.ThrowsAsync<ConnectException>(async () => await Io.ConnectAsync(transport, Endpoint, async));
        Assert.Throws<ObjectDisposedException>(() => listener.Accept());
        using InMemoryListener again = transport.Listen(Endpoint);
        Assert.Equal(Endpoint, again.Endpoint);
    }

    [Fact]
    public void Listening_twice_on_one_endpoint_is_an_error()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);

        Assert.Throws<InvalidOperationException>(() => transport.Listen(TransportEndpoint.Tcp("SERVICE.test", 80)));
    }

    [Fact]
    public async Task Cancelling_a_waiting_async_read_is_an_OperationCanceledException()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        await using ITransportConnection client = await transport.ConnectAsync(Endpoint, Io.Generous, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        ValueTask<int> read = client.Stream.ReadAsync(new byte[4], cancellation.Token);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_the_connection_ends_a_waiting_read(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);

        Task<int> read = async
            ? client.Stream.ReadAsync(new byte[4]).AsTask()
            : Task.Factory.StartNew(() => client.Stream.Read(new byte[4]), TaskCreationOptions.LongRunning);
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_a_waiting_accept_is_an_OperationCanceledException(bool async)
    {
        using InMemoryListener listener = new InMemoryTransport().Listen(Endpoint);
        using var cancellation = new CancellationTokenSource();

        Task<Stream> accept = async
            ? listener.AcceptAsync(cancellation.Token).AsTask()
            : Task.Factory.StartNew(() => listener.Accept(cancellation.Token), TaskCreationOptions.LongRunning);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_waiting_accept_gets_the_next_connection(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);

        Task<Stream> accept = async
            ? listener.AcceptAsync().AsTask()
            : Task.Factory.StartNew(() => listener.Accept(), TaskCreationOptions.LongRunning);
        await using ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        await using Stream server = await accept;
        await Io.WriteAsync(server, Payload, async);

        Assert.Equal(Payload, await Io.ReadExactlyAsync(client.Stream, Payload.Length, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silent_peer_is_a_ReadTimeoutException(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        await using ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        client.ReadTimeout = TimeSpan.FromMilliseconds(50);

        var error = await Assert.ThrowsAsync<ReadTimeoutException>(async () => await Io.ReadAsync(client.Stream, new byte[4], async));

        Assert.Equal(TimeSpan.FromMilliseconds(50), error.Timeout);
        Assert.Equal(Endpoint, error.Endpoint);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IsAlive_follows_the_peer_and_unread_bytes(bool async)
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        await using ITransportConnection client = await Io.ConnectAsync(transport, Endpoint, async);
        Stream server = listener.Accept();

        Assert.True(client.IsAlive());
        await Io.WriteAsync(server, "x"u8.ToArray(), async);
        Assert.False(client.IsAlive());
        await Io.ReadExactlyAsync(client.Stream, 1, async);
        Assert.True(client.IsAlive());
        await server.DisposeAsync();
        Assert.False(client.IsAlive());
    }

    [Fact]
    public async Task An_already_cancelled_connect_is_an_OperationCanceledException()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await transport.ConnectAsync(Endpoint, Io.Generous, new CancellationToken(canceled: true)));
    }
}
