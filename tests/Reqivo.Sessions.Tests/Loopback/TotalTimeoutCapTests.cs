using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Pooling;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>A wait for a pooled connection capped by the total timeout fails as the total timeout.</summary>
public sealed class TotalTimeoutCapTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Waiting_for_a_connection_past_the_total_raises_TotalTimeoutException(bool async)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            Pool = new ConnectionPoolOptions { MaxConnectionsPerOrigin = 1 },
        });
        // The only connection stays leased while this streamed response is open.
        using Response holding = await session.SendAsync(new Request(HttpMethods.Get, "/") { StreamResponse = true }, async);
        var waiting = new Request(HttpMethods.Get, "/waits")
        {
            Timeouts = new Timeouts { Pool = TimeSpan.FromSeconds(30), Total = TimeSpan.FromMilliseconds(200) },
        };

        var error = await Assert.ThrowsAsync<TotalTimeoutException>(() => session.SendAsync(waiting, async));

        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
        Assert.Equal(1, server.AcceptedCount);
    }
}
