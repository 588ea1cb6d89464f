using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Pooling;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>Checks that a session's pool holds no leaked or dirty connection, typically after an exchange that failed.</summary>
internal static class PoolAssert
{
    /// <summary>Nothing leased, waiting or connecting, and exactly <paramref name="idle"/> connections pooled.</summary>
    public static void Settled(Session session, int idle)
    {
        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(0, statistics.Active);
        Assert.Equal(0, statistics.Waiting);
        Assert.Equal(0, statistics.Connecting);
        Assert.Equal(idle, statistics.Idle);
    }

    /// <summary>
    /// After a failure: the pool is settled with no idle connection (the failed one was not returned dirty), and a
    /// following GET /hello on the same session succeeds on a new connection.
    /// </summary>
    public static async Task RecoversOnNewConnectionAsync(Session session, KestrelTestHost host, bool async)
    {
        Settled(session, idle: 0);
        await NextRequestSucceedsAsync(session, host, async, onNewConnection: true);
    }

    /// <summary>A GET /hello on the session succeeds; it used a new connection or reused the pooled one, as stated.</summary>
    public static async Task NextRequestSucceedsAsync(Session session, KestrelTestHost host, bool async, bool onNewConnection)
    {
        long created = session.GetPoolStatistics().ConnectionsCreated;
        WaitUntilHostCounted(session, host, created);
        int accepted = host.ConnectionCount;

        // The default timeouts, not the session's: a test's deliberately short read timeout is about the failure before,
        // and on a loaded machine it can also cut this check's own answer short.
        var check = new Request(HttpMethods.Get, host.Url("/hello")) { Timeouts = Timeouts.Default };
        using (Response response = await session.SendAsync(check, async))
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("hello", await response.ReadAsStringAsync(async));
        }

        Assert.Equal(onNewConnection ? created + 1 : created, session.GetPoolStatistics().ConnectionsCreated);
        Assert.Equal(onNewConnection ? accepted + 1 : accepted, host.ConnectionCount);
        Settled(session, idle: 1);
    }

    /// <summary>
    /// Waits (bounded) until the host has counted every connection the session opened: one that timed out before the
    /// server ran may still be in the accept queue, and counting it during the next request would look like two new
    /// connections.
    /// </summary>
    private static void WaitUntilHostCounted(Session session, KestrelTestHost host, long created)
    {
        if (LoopbackSessions.TryGetHostCountAtCreation(session, out int before))
        {
            Assert.True(
                SpinWait.SpinUntil(() => host.ConnectionCount >= before + created, TimeSpan.FromSeconds(30)),
                $"The host never counted the session's {created} connection(s).");
        }
    }

    /// <summary>
    /// After a failure against a scripted server: the pool is settled with no idle connection, and a GET on the same
    /// session succeeds on a new connection (the server answers every connection after the first).
    /// </summary>
    public static async Task RecoversOnNewConnectionAsync(Session session, ScriptedTcpServer server, bool async)
    {
        Settled(session, idle: 0);
        long created = session.GetPoolStatistics().ConnectionsCreated;
        int accepted = server.AcceptedCount;

        // The test's short limits are for the failure; the recovery gets the default ones, so a loaded machine
        // cannot turn a slow answer into a second failure.
        var recovery = new Request(HttpMethods.Get, new Uri(Scripts.HttpBase(server), "good")) { Timeouts = Timeouts.Default };
        using (Response response = await session.SendAsync(recovery, async))
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("ok", await response.ReadAsStringAsync(async));
        }

        Assert.Equal(created + 1, session.GetPoolStatistics().ConnectionsCreated);
        Assert.Equal(accepted + 1, server.AcceptedCount);
        Settled(session, idle: 1);
    }

    /// <summary>The exception is a Reqivo timeout carrying the limit that was exceeded.</summary>
    public static void IsTimeout(Exception error, TimeSpan limit)
    {
        ReqivoTimeoutException timeout = Assert.IsAssignableFrom<ReqivoTimeoutException>(error);
        Assert.Equal(limit, timeout.Timeout);
    }
}
