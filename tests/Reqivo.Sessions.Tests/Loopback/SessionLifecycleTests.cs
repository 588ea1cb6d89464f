using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>Creating, using after disposal and disposing a session: arguments, pooled connections closed, no hook run.</summary>
public sealed class SessionLifecycleTests
{
    [Fact]
    public void A_session_needs_options()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Session(null!));

        Assert.Equal("options", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Sending_null_is_refused(bool async)
    {
        using var session = new Session(new SessionOptions());

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => session.SendAsync(null!, async));

        Assert.Equal("request", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Disposing_closes_the_pooled_connections(bool async)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/"), async))
        {
            Assert.Equal(200, response.StatusCode);
        }

        Assert.Equal(1, session.GetPoolStatistics().Idle);
        if (async)
        {
            await session.DisposeAsync();
            await session.DisposeAsync();
        }
        else
        {
            session.Dispose();
            session.Dispose();
        }

        // The server sees the client close the pooled connection.
        await server.Connections[0].Completion;
        Assert.Equal(0, session.GetPoolStatistics().Idle);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_disposed_session_refuses_to_send_before_running_any_hook(bool async)
    {
        using var session = new Session(new SessionOptions());
        int hooksRun = 0;
        session.Hooks.AddPreRequest(_ => { hooksRun++; return null; });
        session.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "http://127.0.0.1:9/"), async));

        Assert.Equal(0, hooksRun);
    }
}
