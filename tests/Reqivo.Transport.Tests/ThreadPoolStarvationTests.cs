using System;
using System.Net;
using System.Net.Security;
using System.Text;
using System.Threading;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests;

[CollectionDefinition(nameof(ThreadPoolStarvation), DisableParallelization = true)]
public class ThreadPoolStarvation
{
}

/// <summary>
/// DESIGN.md §3.1: the sync path keeps working when the thread pool is starved. Every worker is blocked (with
/// the pool capped so it cannot grow), then a blocking connect, write and read run on a dedicated thread
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

        byte[]? echoed = RunWithStarvedPool(() =>
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

        byte[]? echoed = RunWithStarvedPool(() =>
        {
            using ITransportConnection connection = transport.Connect(TransportEndpoint.Tcp("localhost", server.Port), Io.Generous, CancellationToken.None);
            connection.Stream.Write(Payload);
            var buffer = new byte[Payload.Length];
            connection.Stream.ReadExactly(buffer);
            return buffer;
        });

        Assert.Equal(Payload, echoed);
    }

    private static byte[]? RunWithStarvedPool(Func<byte[]> work)
    {
        ThreadPool.GetMaxThreads(out int maxWorkers, out int maxIo);
        ThreadPool.GetMinThreads(out int minWorkers, out _);

        // The pool may not grow past the threads it has (some are busy with the test runner's own work), and one
        // blocker is queued per thread: any thread that frees up takes a blocker before the probe queued after them,
        // so the probe runs only if the pool had a free thread. Not disposed: a late blocker may still touch them.
        int cap = Math.Max(minWorkers, ThreadPool.ThreadCount);
        var release = new ManualResetEventSlim();
        var probeRan = new ManualResetEventSlim();
        byte[]? result = null;
        Exception? failure = null;

        Assert.True(ThreadPool.SetMaxThreads(cap, maxIo));
        try
        {
            for (int i = 0; i < cap; i++)
            {
                // Bounded: if the test goes wrong, the workers free themselves.
                ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(TimeSpan.FromSeconds(60)), null);
            }

            ThreadPool.UnsafeQueueUserWorkItem(_ => probeRan.Set(), null);
            var client = new Thread(() =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }) { IsBackground = true, Name = "StarvedPoolClient" };
            client.Start();
            bool finished = client.Join(TimeSpan.FromSeconds(30));
            bool poolStayedStarved = !probeRan.IsSet;

            Assert.True(finished, "The blocking operation hung while the pool was starved.");
            Assert.Null(failure);
            Assert.True(poolStayedStarved, "The pool was not starved during the operation: the test proved nothing.");
            return result;
        }
        finally
        {
            release.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
        }
    }
}
