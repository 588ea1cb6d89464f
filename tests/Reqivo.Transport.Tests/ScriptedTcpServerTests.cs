using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

public class ScriptedTcpServerTests
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

    [Fact]
    public async Task Receives_until_a_pattern_then_sends_and_records_everything()
    {
        const string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Send(response).Close());
        using Socket client = Connect(server);

        client.Send(Request);
        string received = ReadToEnd(client);
        client.Shutdown(SocketShutdown.Send); // the graceful close waits for the client's close
        ScriptedConnection connection = await server.WaitForConnectionAsync(0).WaitAsync(Io.Generous);
        await connection.Completion.WaitAsync(Io.Generous);

        Assert.Equal(response, received);
        Assert.Equal(Request, connection.Received);
        Assert.Equal(Encoding.ASCII.GetString(Request), connection.ReceivedText);
        Assert.Null(connection.Failure);
        Assert.Equal(0, connection.Index);
        Assert.Equal(client.LocalEndPoint, connection.RemoteEndPoint);
    }

    [Fact]
    public async Task ReceiveUntil_waits_for_a_pattern_split_across_packets_and_steps_follow_each_other()
    {
        var script = new ServerScript().ReceiveUntil("\r\n\r\n").Send("1").ReceiveBytes(3).Send("2").ReceiveUntil("end").Send("3");
        await using var server = new ScriptedTcpServer(script);
        using Socket client = Connect(server);

        client.Send("GET / HTTP/1.1\r\n\r"u8.ToArray());
        client.Send("\n"u8.ToArray());
        Assert.Equal("1", ReadExactly(client, 1));
        client.Send("abc"u8.ToArray());
        Assert.Equal("2", ReadExactly(client, 1));
        client.Send("the end"u8.ToArray());
        Assert.Equal("3", ReadExactly(client, 1));
    }

    [Fact]
    public async Task SendSlowly_delivers_every_byte_in_order()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().SendSlowly("slow drip", TimeSpan.FromMilliseconds(1)));
        using Socket client = Connect(server);

        Assert.Equal("slow drip", ReadToEnd(client));
    }

    [Fact]
    public async Task Pause_waits_for_the_test_to_release_it()
    {
        var release = new TaskCompletionSource();
        await using var server = new ScriptedTcpServer(new ServerScript().Send("a").Pause(release.Task).Send("b"));
        using Socket client = Connect(server);

        Assert.Equal("a", ReadExactly(client, 1));
        ScriptedConnection connection = await server.WaitForConnectionAsync(0).WaitAsync(Io.Generous);
        Assert.False(connection.Completion.IsCompleted);
        release.SetResult();
        Assert.Equal("b", ReadToEnd(client));
    }

    [Fact]
    public async Task Abort_resets_the_connection()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("x").Abort());
        using Socket client = Connect(server);

        client.Send("x"u8.ToArray());
        var error = Assert.Throws<SocketException>(() => client.Receive(new byte[8]));

        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
    }

    [Fact]
    public async Task NeverRespond_records_what_arrives_and_sends_nothing()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        using Socket client = Connect(server);

        client.Send(Request);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0).WaitAsync(Io.Generous);
        Assert.True(Io.Eventually(() => connection.Received.Length == Request.Length));
        client.Shutdown(SocketShutdown.Send);
        await connection.Completion.WaitAsync(Io.Generous);

        Assert.Equal(Request, connection.Received);
        Assert.Equal(0, client.Receive(new byte[8]));
    }

    [Fact]
    public async Task A_peer_that_leaves_early_is_recorded_as_a_failure()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").Send("late"));
        using (Socket client = Connect(server))
        {
            client.Send("partial"u8.ToArray());
        }

        ScriptedConnection connection = await server.WaitForConnectionAsync(0).WaitAsync(Io.Generous);
        await connection.Completion.WaitAsync(Io.Generous);

        Assert.IsType<EndOfStreamException>(connection.Failure);
        Assert.Equal("partial", connection.ReceivedText);
    }

    [Fact]
    public async Task Connections_are_counted_and_get_the_script_for_their_index()
    {
        await using var server = new ScriptedTcpServer(index => new ServerScript().Send($"conn{index}"));

        using Socket first = Connect(server);
        Assert.Equal("conn0", ReadToEnd(first));
        using Socket second = Connect(server);
        Assert.Equal("conn1", ReadToEnd(second));

        Assert.Equal(2, server.AcceptedCount);
        Assert.Equal(2, server.Connections.Count);
        Assert.Equal(1, (await server.WaitForConnectionAsync(1)).Index);
    }

    [Fact]
    public async Task Disposing_cuts_open_connections_and_stops_listening()
    {
        var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        using Socket client = Connect(server);
        ScriptedConnection connection = await server.WaitForConnectionAsync(0).WaitAsync(Io.Generous);

        await server.DisposeAsync();

        Assert.True(connection.Completion.IsCompleted);
        Assert.Equal(0, client.Receive(new byte[8]));
        Assert.Throws<SocketException>(() => Connect(server));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.WaitForConnectionAsync(5));
        server.Dispose();
    }

    private static Socket Connect(ScriptedTcpServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        socket.Connect(server.EndPoint);
        return socket;
    }

    private static string ReadExactly(Socket socket, int count)
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var buffer = new byte[count];
        stream.ReadExactly(buffer);
        return Encoding.ASCII.GetString(buffer);
    }

    private static string ReadToEnd(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadToEnd();
    }
}
