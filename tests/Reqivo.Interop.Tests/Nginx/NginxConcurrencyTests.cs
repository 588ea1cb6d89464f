using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;
using Reqivo.Pooling;

namespace Reqivo.Interop.Tests.Nginx;

/// <summary>Many requests at once through a small pool: every one succeeds and the pool never opens more than its limit.</summary>
public sealed class NginxConcurrencyTests(NginxServer nginx) : IClassFixture<NginxServer>
{
    private const int Requests = 64;
    private const int MaxConnections = 8;

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Sixty_four_requests_share_eight_connections(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme, new ConnectionPoolOptions { MaxConnectionsPerOrigin = MaxConnections });

        string[] bodies = async ? await SendAllAsync(session) : SendAllOnThreads(session);

        Assert.Equal(Requests, bodies.Length);
        Assert.All(bodies, body => Assert.Equal("hello", body));
        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.InRange(statistics.ConnectionsCreated, 1, MaxConnections);
        Assert.Equal(Requests, statistics.ConnectionsCreated + statistics.ConnectionsReused);
        Assert.Equal(0, statistics.Active);
        Assert.Equal(0, statistics.Waiting);
    }

    private static async Task<string[]> SendAllAsync(Session session)
    {
        async Task<string> SendOne()
        {
            using Response response = await session.GetAsync("/small");
            return response.EnsureSuccess().ReadAsString();
        }

        return await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => SendOne()));
    }

    // The sync API blocks its caller, so concurrency comes from threads of our own (not the thread pool, which would
    // grow slowly on a small machine and hide the pool's own waiting).
    private static string[] SendAllOnThreads(Session session)
    {
        const int Threads = 16;
        var bodies = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads);
        Thread[] threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < Requests / Threads; i++)
            {
                try
                {
                    using Response response = session.Get("/small");
                    bodies.Enqueue(response.EnsureSuccess().ReadAsString());
                }
                catch (ReqivoException exception)
                {
                    failures.Enqueue(exception);
                }
            }
        })).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
        return [.. bodies];
    }
}
