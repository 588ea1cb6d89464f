using System;
using System.Net;
using System.Net.Security;
using System.Text;
using System.Threading;
using Reqivo.TestServers;
using Reqivo.Tests;

namespace Reqivo.Transport.Tests;

[CollectionDefinition(nameof(ThreadPoolStarvation), DisableParallelization = true)]
public class ThreadPoolStarvation
{
}

/// <summary>
/// DESIGN.md §3.1: the sync path keeps working when the thread pool is starved (<see cref="StarvedThreadPool"/>): a blocking connect, write and read run on a dedicated thread
/// against a server that also uses only dedicated threads.
/// </summary>
[Collection(nameof(ThreadPoolStarvation))]
public class ThreadPoolStarvationTests
{
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("works without the pool");

    [Fact]
    public void A_blocking_connect_write_and_read_complete_while_the_pool_is_starved()
    {
        using var server = new BlockingEchoServer();

        byte[] echoed = RunWithStarvedPool(() =>
        {
            using ITransportConnection connection = new SocketTransport().Connect(TransportEndpoint.Tcp("127.0.0.1", server.Port), Io.Generous, CancellationToken.None);
            connection.ReadTimeout = Io.Generous;
            connection.Stream.Write(Payload);
            var buffer = new byte[Payload.Length];
            connection.Stream.ReadExactly(buffer);
            return buffer;
        });

        Assert.Equal(Payload, echoed);
    }

    [Fact]
    public void A_blocking_TLS_handshake_completes_while_the_pool_is_starved()
    {
        using var server = new BlockingEchoServer(TestCertificates.Localhost);
        var transport = new TlsTransport(new SocketTransport(), new TlsOptions
        {
            AuthenticationOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == TestCertificates.Localhost.GetCertHashString() },
        });

        byte[] echoed = RunWithStarvedPool(() =>
        {
            using ITransportConnection connection = transport.Connect(TransportEndpoint.Tcp("localhost", server.Port), Io.Generous, CancellationToken.None);
            connection.Stream.Write(Payload);
            var buffer = new byte[Payload.Length];
            connection.Stream.ReadExactly(buffer);
            return buffer;
        });

        Assert.Equal(Payload, echoed);
    }

    private static byte[] RunWithStarvedPool(Func<byte[]> work) => StarvedThreadPool.Run(work, TimeSpan.FromSeconds(30));
}
