using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.TestServers;

// Single reads, and what each returns, are what these tests exercise.
#pragma warning disable CA2022

namespace Reqivo.Transport.Tests;

/// <summary>
/// <see cref="SocketTransport.DedicatedReadThread"/>: asynchronous reads that wait are resumed on the connection's
/// own thread, and the blocking and asynchronous stream methods keep the results, errors, timeouts and cancellation
/// of the default socket stream (timeouts and resets on both streams are in <see cref="SocketStreamTests"/>).
/// </summary>
public class DedicatedReadThreadTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_read_that_waits_resumes_on_the_connections_own_thread_which_ends_with_the_connection()
    {
        // The pause keeps the answer back until the reading task has surely registered its continuation: one that
        // completed before that would be queued to the thread pool by the awaiting code, not by the stream.
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("go").Pause(TimeSpan.FromMilliseconds(300)).Send("answer").ReceiveUntil("again").Send("more").Close());
        ITransportConnection connection = await ConnectAsync(server.Port, async: true);
        byte[] buffer = new byte[16];

        Task<(int Read, Thread ResumedOn)> reading = ReadAndSeeWhereAsync(connection.Stream, buffer);
        Assert.True(Io.Eventually(() => ReaderOf(connection).IsWaiting), "the read is waiting on the reader thread");
        await connection.Stream.WriteAsync("go"u8.ToArray());
        (int read, Thread resumedOn) = await reading;
        Thread? readerThread = ReaderOf(connection).Thread;

        Assert.Equal("answer", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.NotNull(readerThread);
        Assert.Same(readerThread, resumedOn);
        Assert.False(resumedOn.IsThreadPoolThread);
        Assert.True(readerThread.IsBackground, "the reader thread does not keep the process alive");
        Assert.Equal($"Reqivo reader {connection.Endpoint}", readerThread.Name);

        await connection.Stream.WriteAsync("again"u8.ToArray());
        Assert.Equal("more"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 4, async: true));
        Assert.Equal(0, await connection.Stream.ReadAsync(buffer));
        Assert.Same(readerThread, ReaderOf(connection).Thread);

        connection.Dispose();
        // This test may itself be running on the reader thread now (the last read resumed it there).
        Assert.True(await Task.Run(() => readerThread.Join(Io.Generous)), "the reader thread ended after the connection was disposed");
    }

    [Fact]
    public async Task A_read_that_finds_bytes_waiting_completes_at_once_without_starting_the_thread()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Send("ready").NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);
        Assert.True(Io.Eventually(() => !connection.IsAlive()), "the server's bytes arrived");

        ValueTask<int> read = connection.Stream.ReadAsync(new byte[16]);

        Assert.True(read.IsCompletedSuccessfully);
        Assert.Equal(5, await read);
        Assert.Null(ReaderOf(connection).Thread);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Echoes_through_the_blocking_and_the_asynchronous_methods(bool async)
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        await using ITransportConnection connection = await ConnectAsync(server.Port, async);
        byte[] large = Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 7)).ToArray();

        Assert.Equal("hello"u8.ToArray(), await Io.EchoAsync(connection, "hello"u8.ToArray(), async));
        // Megabytes both ways: writes that find the send buffer full wait for room and carry on.
        Task<byte[]> echoed = Task.Run(async () => await Io.ReadExactlyAsync(connection.Stream, large.Length, async));
        await Task.Run(async () => await Io.WriteAsync(connection.Stream, large, async));
        Assert.Equal(large, await echoed);
        Assert.True(connection.IsAlive());
    }

    [Fact]
    public async Task Cancelling_a_waiting_read_is_an_OperationCanceledException_and_the_thread_lives_on()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("late").Send("data").NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);
        connection.ReadTimeout = Io.Generous;
        using var cancellation = new CancellationTokenSource();

        ValueTask<int> read = connection.Stream.ReadAsync(new byte[16], cancellation.Token);
        Assert.False(read.IsCompleted);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        // The cancelled read took nothing: what arrives afterwards goes to the next read.
        await connection.Stream.WriteAsync("late"u8.ToArray());
        Assert.Equal("data"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 4, async: true));
        Assert.True(ReaderOf(connection).Thread!.IsAlive);
    }

    [Fact]
    public async Task A_read_with_a_cancelled_token_is_cancelled_before_it_starts()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Send("data").NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await connection.Stream.ReadAsync(new byte[16], new CancellationToken(true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await connection.Stream.WriteAsync(new byte[16], new CancellationToken(true)));
        Assert.Equal("data"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 4, async: true));
    }

    [Fact]
    public async Task Disposing_the_connection_ends_a_waiting_read_with_an_IOException()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        ITransportConnection connection = await ConnectAsync(server.Port, async: true);

        ValueTask<int> read = connection.Stream.ReadAsync(new byte[16]);
        Assert.True(Io.Eventually(() => ReaderOf(connection).IsWaiting), "the read is waiting on the reader thread");
        Thread readerThread = ReaderOf(connection).Thread!;
        connection.Dispose();

        var error = await Assert.ThrowsAsync<IOException>(async () => await read);
        Assert.Equal(SocketError.OperationAborted, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        Assert.True(await Task.Run(() => readerThread.Join(Io.Generous)), "the reader thread ended");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await connection.Stream.ReadAsync(new byte[16]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await connection.Stream.ReadAsync(Memory<byte>.Empty));
        Assert.Throws<ObjectDisposedException>(() => connection.Stream.Write(new byte[1]));
    }

    [Fact]
    public async Task A_zero_byte_read_waits_for_bytes_and_consumes_none()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("go").Send("data").NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);

        ValueTask<int> wait = connection.Stream.ReadAsync(Memory<byte>.Empty);
        Assert.True(Io.Eventually(() => ReaderOf(connection).IsWaiting), "the zero-byte read is waiting");
        Assert.False(wait.IsCompleted);
        await connection.Stream.WriteAsync("go"u8.ToArray());

        Assert.Equal(0, await wait);
        Assert.Equal("data"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 4, async: true));
    }

    [Fact]
    public async Task Disposing_while_a_read_starts_never_leaves_it_waiting()
    {
        // Dispose and ReadAsync race on many connections: every read must end, whichever wins.
        await using var server = new ScriptedTcpServer(_ => new ServerScript().NeverRespond());
        for (int i = 0; i < 20; i++)
        {
            ITransportConnection connection = await ConnectAsync(server.Port, async: true);
            Task<int> read = Task.Run(async () => await connection.Stream.ReadAsync(new byte[16]));
            connection.Dispose();

            Exception? error = await Record.ExceptionAsync(() => read.WaitAsync(Io.Generous));
            Assert.True(error is IOException or ObjectDisposedException, $"round {i}: {error}");
        }
    }

    [Fact]
    public async Task A_second_read_while_one_waits_is_refused()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);

        ValueTask<int> first = connection.Stream.ReadAsync(new byte[16]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await connection.Stream.ReadAsync(new byte[16]));

        Assert.Contains("one read at a time", error.Message, StringComparison.Ordinal);
        Assert.False(first.IsCompleted);
    }

    [Fact]
    public async Task A_reset_that_wakes_a_waiting_read_is_an_IOException_with_the_socket_error()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("x").Abort());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);

        ValueTask<int> read = connection.Stream.ReadAsync(new byte[16]);
        Assert.True(Io.Eventually(() => ReaderOf(connection).IsWaiting), "the read is waiting on the reader thread");
        await connection.Stream.WriteAsync("x"u8.ToArray());

        var error = await Assert.ThrowsAsync<IOException>(async () => await read);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task An_async_write_to_a_reset_connection_is_an_IOException()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Abort());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);
        Assert.True(Io.Eventually(() => !connection.IsAlive()), "the reset arrived");

        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                await connection.Stream.WriteAsync(new byte[1024]);
            }
        });

        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task A_token_of_a_finished_read_cannot_cancel_a_later_one()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("1").Send("a").ReceiveUntil("2").Send("b").NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);
        using var first = new CancellationTokenSource();
        byte[] buffer = new byte[1];

        ValueTask<int> firstRead = connection.Stream.ReadAsync(buffer, first.Token);
        Assert.True(Io.Eventually(() => ReaderOf(connection).IsWaiting), "the first read is waiting");
        await connection.Stream.WriteAsync("1"u8.ToArray());
        Assert.Equal(1, await firstRead);
        ValueTask<int> secondRead = connection.Stream.ReadAsync(buffer);
        Assert.True(Io.Eventually(() => ReaderOf(connection).IsWaiting), "the second read is waiting");
        await first.CancelAsync();
        await connection.Stream.WriteAsync("2"u8.ToArray());

        Assert.Equal(1, await secondRead);
        Assert.Equal((byte)'b', buffer[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_write_that_fills_the_buffers_resumes_when_the_peer_reads(bool async)
    {
        const int Size = 32 << 20; // more than the kernel buffers on both sides hold
        var reading = new TaskCompletionSource();
        await using var server = new ScriptedTcpServer(new ServerScript().Pause(reading.Task).ReceiveBytes(Size).Send("ok").NeverRespond());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async);
        byte[] payload = Enumerable.Range(0, Size).Select(i => (byte)(i * 31)).ToArray();

        Task write = Task.Run(async () => await Io.WriteAsync(connection.Stream, payload, async));
        await Task.Delay(200);
        Assert.False(write.IsCompleted, "the write cannot finish while the peer is not reading");
        reading.SetResult();
        await write.WaitAsync(Io.Generous);

        Assert.Equal("ok"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 2, async));
        Assert.Equal(payload, (await server.WaitForConnectionAsync(0)).Received);
    }

    [Fact]
    public async Task Cancelling_a_write_that_waits_for_room_is_an_OperationCanceledException()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Pause(new TaskCompletionSource().Task));
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: true);
        using var cancellation = new CancellationTokenSource();

        Task write = Task.Run(async () => await connection.Stream.WriteAsync(new byte[32 << 20], cancellation.Token));
        await Task.Delay(200);
        Assert.False(write.IsCompleted, "the write cannot finish while the peer is not reading");
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(Io.Generous));
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Disposing_ends_a_blocked_blocking_read()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().NeverRespond());
        ITransportConnection connection = await ConnectAsync(server.Port, async: false);
        using var started = new ManualResetEventSlim();

        Task<int> read = Task.Run(() =>
        {
            started.Set();
            return connection.Stream.Read(new byte[16]);
        });
        started.Wait(Io.Generous);
        await Task.Delay(100); // most likely inside poll by now; either way the read must end
        connection.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read.WaitAsync(Io.Generous));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peer_that_aborts_while_a_write_waits_for_room_is_an_IOException(bool async)
    {
        var abort = new TaskCompletionSource();
        await using var server = new ScriptedTcpServer(new ServerScript().Pause(abort.Task).Abort());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async);

        Task write = Task.Run(async () =>
        {
            for (int i = 0; i < 64; i++)
            {
                await Io.WriteAsync(connection.Stream, new byte[1 << 20], async);
            }
        });
        await Task.Delay(200);
        Assert.False(write.IsCompleted, "the writes cannot finish while the peer is not reading");
        abort.SetResult();

        var error = await Assert.ThrowsAsync<IOException>(() => write.WaitAsync(Io.Generous));
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task ReadByte_returns_each_byte_unsigned_then_minus_one_at_the_end()
    {
        await using var server = new ScriptedTcpServer(new ServerScript().Send(new byte[] { 0xFF, 0x01 }).Close());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async: false);

        Assert.Equal(0xFF, connection.Stream.ReadByte());
        Assert.Equal(0x01, connection.Stream.ReadByte());
        Assert.Equal(-1, connection.Stream.ReadByte());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_graceful_close_is_end_of_stream(bool async)
    {
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("x").Pause(Short).Send("bye").Close());
        await using ITransportConnection connection = await ConnectAsync(server.Port, async);

        await Io.WriteAsync(connection.Stream, "x"u8.ToArray(), async);
        Assert.Equal("bye"u8.ToArray(), await Io.ReadExactlyAsync(connection.Stream, 3, async));
        Assert.Equal(0, await Io.ReadAsync(connection.Stream, new byte[16], async));
        Assert.Equal(-1, connection.Stream.ReadByte());
    }

    [Fact]
    public async Task TLS_runs_over_it_with_the_reads_under_it_waiting_on_the_reader_thread()
    {
        await using var server = new EchoServer(new IPEndPoint(IPAddress.Loopback, 0), new EchoServerTls(TestCertificates.Localhost, ["http/1.1"]));
        var transport = new TlsTransport(new SocketTransport { DedicatedReadThread = true }, new TlsOptions
        {
            AuthenticationOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == TestCertificates.Localhost.GetCertHashString(),
            },
        });
        await using ITransportConnection connection = await transport.ConnectAsync(TransportEndpoint.Tcp("localhost", server.Port), Io.Generous, CancellationToken.None);
        DedicatedReader reader = ReaderOf(((TlsConnection)connection).Inner);
        byte[] buffer = new byte[64];

        // Where SslStream resumes its own caller is SslStream's business; what is checked here is that the bytes
        // under it arrive through the reader thread, and arrive intact.
        ValueTask<int> read = connection.Stream.ReadAsync(buffer);
        Assert.True(Io.Eventually(() => reader.IsWaiting), "the read under TLS is waiting on the reader thread");
        await connection.Stream.WriteAsync("over tls"u8.ToArray());
        int received = await read;
        byte[] large = Enumerable.Range(0, 1 << 20).Select(i => (byte)i).ToArray();
        Task<byte[]> echoed = Io.ReadExactlyAsync(connection.Stream, large.Length, async: true).AsTask();
        await Task.Run(async () => await connection.Stream.WriteAsync(large));

        Assert.True(connection.IsSecure);
        Assert.Equal("over tls", Encoding.ASCII.GetString(buffer, 0, received));
        Assert.True(reader.Thread?.IsAlive);
        Assert.Equal(large, await echoed);
    }

    [Fact]
    public async Task Unix_domain_sockets_work_too()
    {
        string path = Io.TempSocketPath();
        try
        {
            await using var server = new EchoServer(new UnixDomainSocketEndPoint(path));
            var transport = new SocketTransport { DedicatedReadThread = true };
            await using ITransportConnection connection = await transport.ConnectAsync(TransportEndpoint.UnixSocket(path), Io.Generous, CancellationToken.None);

            Assert.Equal("unix"u8.ToArray(), await Io.EchoAsync(connection, "unix"u8.ToArray(), async: true));
            Assert.IsType<UnixDomainSocketEndPoint>(connection.RemoteEndPoint);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_asynchronous_connect_reports_failures_as_the_default_one_does()
    {
        var transport = new SocketTransport { DedicatedReadThread = true };
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var refused = await Assert.ThrowsAsync<ConnectException>(async () => await transport.ConnectAsync(TransportEndpoint.Tcp("127.0.0.1", closedPort), Io.Generous, CancellationToken.None));
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await transport.ConnectAsync(TransportEndpoint.Tcp("127.0.0.1", closedPort), Io.Generous, new CancellationToken(true)));

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketError);
        Assert.Equal(closedPort, refused.Port);
        Assert.True(cancelled.CancellationToken.IsCancellationRequested);
    }

    // Outside the test framework's synchronization context, so the continuation runs where the stream resumes it.
    private static Task<(int Read, Thread ResumedOn)> ReadAndSeeWhereAsync(Stream stream, byte[] buffer) =>
        Task.Run(async () =>
        {
            int read = await stream.ReadAsync(buffer);
            return (read, Thread.CurrentThread);
        });

    private static DedicatedReader ReaderOf(ITransportConnection connection) =>
        Assert.IsType<SocketConnection>(connection).DedicatedReader ?? throw new InvalidOperationException("no dedicated reader");

    private static async Task<ITransportConnection> ConnectAsync(int port, bool async) =>
        await Io.ConnectAsync(new SocketTransport { DedicatedReadThread = true }, TransportEndpoint.Tcp("127.0.0.1", port), async);
}
