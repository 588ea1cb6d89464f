using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// A keep-alive connection the server closes just as the next request goes out (it read the request, answered
/// nothing and closed). Only a request that can be sent again safely (idempotent method, replayable body) is
/// retried, once, on a new connection; anything else fails and is not sent twice.
/// </summary>
public sealed class StaleConnectionTests
{
    public static TheoryData<bool, bool> ModesAndReset => new()
    {
        { false, false },
        { true, false },
        { false, true },
        { true, true },
    };

    [Theory]
    [MemberData(nameof(ModesAndReset))]
    public async Task A_GET_on_a_connection_closed_by_the_server_is_retried_once_on_a_new_connection(bool async, bool reset)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(ServesOnceThenDropsTheNext(reset));
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        string first = await GetAsync(session, "/first", async);
        string second = await GetAsync(session, "/second", async);

        Assert.Equal("ok", first);
        Assert.Equal("ok", second);
        Assert.Equal(2, server.AcceptedCount);
        Assert.Equal(2, session.GetPoolStatistics().ConnectionsCreated);
        // The stale connection saw both requests; the new one saw only the retry.
        Assert.Equal(["GET /first", "GET /second"], RequestLines(server.Connections[0]));
        Assert.Equal(["GET /second"], RequestLines(server.Connections[1]));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(ModesAndReset))]
    public async Task A_POST_with_a_one_shot_body_is_not_retried(bool async, bool reset)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(ServesOnceThenDropsTheNext(reset));
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        Assert.Equal("ok", await GetAsync(session, "/first", async));

        var post = new Request(HttpMethods.Post, "/second") { Body = RequestBody.FromChunks(Chunks()) };
        ReqivoException error = await Assert.ThrowsAnyAsync<ReqivoException>(() => session.SendAsync(post, async));

        AssertStaleConnectionFailure(error, reset);
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_idempotent_PUT_with_a_one_shot_body_is_not_retried(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(ServesOnceThenDropsTheNext(reset: false));
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        Assert.Equal("ok", await GetAsync(session, "/first", async));

        // PUT may be repeated (RFC 9110 §9.2.2), but this body cannot be produced a second time.
        var put = new Request(HttpMethods.Put, "/second") { Body = RequestBody.FromChunks(Chunks()) };
        ReqivoException error = await Assert.ThrowsAnyAsync<ReqivoException>(() => session.SendAsync(put, async));

        AssertStaleConnectionFailure(error, reset: false);
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_idempotent_PUT_with_a_replayable_body_is_retried_with_the_same_body(bool async)
    {
        var script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .ReceiveUntil(Scripts.EndOfHead).Close();
        var retry = new ServerScript().ReceiveUntil(Scripts.EndOfHead).ReceiveBytes(5).Send(Scripts.Ok).NeverRespond();
        await using ScriptedTcpServer server = new(index => index == 0 ? script : retry);
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        Assert.Equal("ok", await GetAsync(session, "/first", async));

        using Response response = await session.SendAsync(new Request(HttpMethods.Put, "/second") { Body = RequestBody.FromString("again") }, async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, server.AcceptedCount);
        Assert.EndsWith("\r\n\r\nagain", server.Connections[1].ReceivedText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task No_retry_when_the_session_disables_it(bool async)
    {
        await using ScriptedTcpServer server = Scripts.HostileThenGood(ServesOnceThenDropsTheNext(reset: false));
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server), RetryOnStaleConnection = false });
        Assert.Equal("ok", await GetAsync(session, "/first", async));

        ReqivoException error = await Assert.ThrowsAnyAsync<ReqivoException>(() => session.SendAsync(new Request(HttpMethods.Get, "/second"), async));

        AssertStaleConnectionFailure(error, reset: false);
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_GET_that_fails_on_a_new_connection_is_not_retried(bool async)
    {
        // Nothing suggests a stale connection here: the server itself dropped a fresh request.
        await using ScriptedTcpServer server = Scripts.HostileThenGood(new ServerScript().ReceiveUntil(Scripts.EndOfHead).Close());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });

        ReqivoException error = await Assert.ThrowsAnyAsync<ReqivoException>(() => session.SendAsync(new Request(HttpMethods.Get, "/x"), async));

        AssertStaleConnectionFailure(error, reset: false);
        Assert.Equal(1, server.AcceptedCount);
        await PoolAssert.RecoversOnNewConnectionAsync(session, server, async);
    }

    /// <summary>Answers the first request, then reads the second one and closes (or resets) without a byte of answer.</summary>
    private static ServerScript ServesOnceThenDropsTheNext(bool reset)
    {
        ServerScript script = new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead).Send(Scripts.Ok)
            .ReceiveUntil(Scripts.EndOfHead);
        return reset ? script.Abort() : script.Close();
    }

    /// <summary>
    /// A close after the request reads as a message that ended before its status line; a reset as a failed
    /// connection. Either way no byte of a response had arrived.
    /// </summary>
    private static void AssertStaleConnectionFailure(ReqivoException error, bool reset)
    {
        if (reset)
        {
            Assert.False(Assert.IsType<ConnectionFailedException>(error).ResponseStarted);
        }
        else
        {
            Assert.Equal(ProtocolError.IncompleteMessage, Assert.IsType<ProtocolException>(error).Error);
        }
    }

    private static async Task<string> GetAsync(Session session, string url, bool async)
    {
        using Response response = await session.SendAsync(new Request(HttpMethods.Get, url), async);
        return await response.ReadAsStringAsync(async);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        yield return "one,"u8.ToArray();
        yield return "two"u8.ToArray();
    }

    private static List<string> RequestLines(ScriptedConnection connection)
    {
        var lines = new List<string>();
        foreach (Match match in Regex.Matches(connection.ReceivedText, @"^(GET|POST|PUT) (\S+) HTTP/1\.1\r$", RegexOptions.Multiline))
        {
            lines.Add($"{match.Groups[1].Value} {match.Groups[2].Value}");
        }

        return lines;
    }
}
