using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

// The array overloads and single reads are what these tests exercise.
#pragma warning disable CA1835, CA2022

namespace Reqivo.Transport.Tests;

/// <summary>
/// The Stream contract of the connection streams (argument checks of the array overloads, disposal, timeouts in
/// the Stream convention, single-byte reads) and the in-memory transport's argument checks.
/// </summary>
public class StreamContractTests
{
    private static readonly TransportEndpoint Endpoint = TransportEndpoint.Tcp("contract.test", 80);

    [Fact]
    public async Task The_in_memory_transport_names_a_missing_endpoint_and_a_bad_timeout()
    {
        var transport = new InMemoryTransport();

        Assert.Equal("endpoint", Assert.Throws<ArgumentNullException>(() => transport.Listen(null!)).ParamName);
        Assert.Equal("endpoint", Assert.Throws<ArgumentNullException>(() => transport.Connect(null!, Io.Generous, CancellationToken.None)).ParamName);
        Assert.Equal("endpoint", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await transport.ConnectAsync(null!, Io.Generous, CancellationToken.None))).ParamName);
        TimeSpan negative = TimeSpan.FromSeconds(-3);
        Assert.Equal("connectTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => transport.Connect(Endpoint, negative, CancellationToken.None)).ParamName);
        Assert.Equal("connectTimeout", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await transport.ConnectAsync(Endpoint, negative, CancellationToken.None))).ParamName);
    }

    [Fact]
    public void A_timeout_of_int_MaxValue_milliseconds_is_the_longest_accepted()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);

        using ITransportConnection connection = transport.Connect(Endpoint, TimeSpan.FromMilliseconds(int.MaxValue), CancellationToken.None);

        Assert.Equal(Endpoint, connection.Endpoint);
        Assert.Throws<ArgumentOutOfRangeException>(() => transport.Connect(Endpoint, TimeSpan.FromMilliseconds(int.MaxValue + 1L), CancellationToken.None));
    }

    [Fact]
    public void Stream_timeouts_use_the_Stream_convention()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        using ITransportConnection connection = transport.Connect(Endpoint, Io.Generous, CancellationToken.None);
        Stream stream = connection.Stream;

        stream.ReadTimeout = 1500;
        Assert.Equal(1500, stream.ReadTimeout);
        stream.ReadTimeout = 0;
        Assert.Equal(Timeout.Infinite, stream.ReadTimeout);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => stream.WriteTimeout = -2).ParamName);
        Assert.Equal(Timeout.Infinite, stream.WriteTimeout);
    }

    [Fact]
    public async Task The_array_overloads_check_their_arguments_and_forward_the_slice()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        using ITransportConnection connection = transport.Connect(Endpoint, Io.Generous, CancellationToken.None);
        using Stream server = listener.Accept();
        Stream client = connection.Stream;
        byte[] buffer = new byte[4];

        Assert.Throws<ArgumentNullException>(() => client.Read(null!, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Write(buffer, 3, 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ReadAsync(buffer, -1, 1, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.WriteAsync(null!, 0, 1, CancellationToken.None));
        Assert.False(client.CanSeek);

        client.Write([9, 1, 2, 3, 9], 1, 3);
        await client.WriteAsync(new byte[] { 9, 4, 5 }, 1, 2, CancellationToken.None);
        Assert.Equal([1, 2, 3, 4, 5], await Io.ReadExactlyAsync(server, 5, async: true));
        server.Write([6, 7]);
        Assert.Equal(2, await client.ReadAsync(buffer, 1, 3, CancellationToken.None));
        Assert.Equal([0, 6, 7, 0], buffer);
    }

    [Fact]
    public async Task Flushing_with_a_cancelled_token_is_cancelled()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        using ITransportConnection connection = transport.Connect(Endpoint, Io.Generous, CancellationToken.None);

        Task flushing = connection.Stream.FlushAsync(new CancellationToken(canceled: true));

        Assert.True(flushing.IsCanceled);
        await connection.Stream.FlushAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_disposed_in_memory_stream_refuses_reads_and_writes()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        ITransportConnection connection = transport.Connect(Endpoint, Io.Generous, CancellationToken.None);
        Stream stream = connection.Stream;
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1].AsSpan()));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.ReadAsync(new byte[1].AsMemory()));
        Assert.Throws<ObjectDisposedException>(() => stream.Write([1]));
    }

    [Fact]
    public void A_read_after_part_of_a_written_block_returns_exactly_the_rest()
    {
        var transport = new InMemoryTransport();
        using InMemoryListener listener = transport.Listen(Endpoint);
        using ITransportConnection connection = transport.Connect(Endpoint, Io.Generous, CancellationToken.None);
        using Stream server = listener.Accept();
        server.Write([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        byte[] first = new byte[4];
        byte[] rest = new byte[100];
        Assert.Equal(4, connection.Stream.Read(first.AsSpan()));
        int count = connection.Stream.Read(rest.AsSpan());

        Assert.Equal([1, 2, 3, 4], first);
        Assert.Equal(6, count);
        Assert.Equal([5, 6, 7, 8, 9, 10], rest[..count]);
    }

    [Fact]
    public void ReadByte_on_a_socket_returns_each_byte_unsigned_then_minus_one_at_the_end()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using ITransportConnection connection = new SocketTransport().Connect(TransportEndpoint.Tcp("127.0.0.1", port), Io.Generous, CancellationToken.None);
        using (Socket peer = listener.AcceptSocket())
        {
            peer.Send([200, 7]);
            peer.Shutdown(SocketShutdown.Send);
        }

        connection.ReadTimeout = Io.Generous;
        Assert.Equal(200, connection.Stream.ReadByte());
        Assert.Equal(7, connection.Stream.ReadByte());
        Assert.Equal(-1, connection.Stream.ReadByte());
    }

    [Fact]
    public void An_async_read_failure_reports_reading_and_names_the_endpoint()
    {
        Exception? mapped = TransportErrors.AsyncReadFailed(new SocketException((int)SocketError.ConnectionReset), new OperationTimer(), Io.Generous, Endpoint, CancellationToken.None);

        var failure = Assert.IsType<IOException>(mapped);
        Assert.StartsWith($"Reading from {Endpoint}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALPN_names_are_required_and_255_bytes_is_the_longest()
    {
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new TlsOptions { ApplicationProtocols = null! }).ParamName);
        string longest = new('p', 255);

        Assert.Equal([longest], new TlsOptions { ApplicationProtocols = [longest] }.ApplicationProtocols);
    }
}
