using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>Redirects against Kestrel (RFC 9110 §15.4): methods, bodies, chains, limits and history.</summary>
public sealed class RedirectTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    public static TheoryData<bool, int> ModesAndPostToGetStatuses => Cross([301, 302, 303]);

    public static TheoryData<bool, int> ModesAndMethodKeepingStatuses => Cross([307, 308]);

    public static TheoryData<bool, int> ModesAndPutKeepingStatuses => Cross([301, 302]);

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_302_is_followed_and_the_redirect_is_in_the_history(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, To("/hello", 302)), async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("hello", await response.ReadAsStringAsync(async));
        Assert.Equal("/hello", response.Uri.AbsolutePath);
        Response redirect = Assert.Single(response.History);
        Assert.Equal(302, redirect.StatusCode);
        Assert.Equal("/redirect-to", redirect.Uri.AbsolutePath);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(ModesAndPostToGetStatuses))]
    public async Task A_POST_redirected_by_301_302_or_303_becomes_a_GET_without_body_or_content_fields(bool async, int status)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var post = new Request(HttpMethods.Post, To("/inspect", status)) { Body = RequestBody.FromString("payload", "text/plain") };
        post.Headers.Add("Content-Language", "en");

        using Response response = await session.SendAsync(post, async);

        string seen = await response.ReadAsStringAsync(async);
        Assert.StartsWith("GET /inspect\n", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Type:", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Language:", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length:", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("payload", seen, StringComparison.Ordinal);
        Assert.Equal(HttpMethods.Get, response.Request.Method);
        Assert.Equal(status, Assert.Single(response.History).StatusCode);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_303_turns_PUT_into_GET_and_keeps_HEAD(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response put = await session.SendAsync(new Request(HttpMethods.Put, To("/inspect", 303)) { Body = RequestBody.FromString("x") }, async);
        using Response head = await session.SendAsync(new Request(HttpMethods.Head, To("/redirect/0", 303)), async);

        Assert.StartsWith("GET /inspect\n", await put.ReadAsStringAsync(async), StringComparison.Ordinal);
        Assert.Equal(HttpMethods.Head, head.Request.Method);
        Assert.Equal(200, head.StatusCode);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(ModesAndPutKeepingStatuses))]
    public async Task A_PUT_redirected_by_301_or_302_keeps_its_method_and_body(bool async, int status)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Put, To("/inspect", status)) { Body = RequestBody.FromString("again") }, async);

        string seen = await response.ReadAsStringAsync(async);
        Assert.StartsWith("PUT /inspect\n", seen, StringComparison.Ordinal);
        Assert.EndsWith("\n\nagain", seen, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ModesAndMethodKeepingStatuses))]
    public async Task A_POST_redirected_by_307_or_308_keeps_its_method_body_and_content_type(bool async, int status)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var post = new Request(HttpMethods.Post, To("/inspect", status)) { Body = RequestBody.FromString("payload", "text/x-test") };

        using Response response = await session.SendAsync(post, async);

        string seen = await response.ReadAsStringAsync(async);
        Assert.StartsWith("POST /inspect\n", seen, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/x-test\n", seen, StringComparison.Ordinal);
        Assert.EndsWith("\n\npayload", seen, StringComparison.Ordinal);
        Assert.Equal(status, Assert.Single(response.History).StatusCode);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(ModesAndMethodKeepingStatuses))]
    public async Task A_307_or_308_with_a_one_shot_body_raises_instead_of_sending_it_again(bool async, int status)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var counts = HostCounts.Of(host);
        var post = new Request(HttpMethods.Post, To("/inspect", status)) { Body = RequestBody.FromChunks([new byte[] { 1, 2, 3 }]) };

        RedirectBodyNotReplayableException error = await Assert.ThrowsAsync<RedirectBodyNotReplayableException>(() => session.SendAsync(post, async));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(HttpMethods.Post, error.RequestMethod);
        Assert.Equal(1, counts.NewRequests);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_chain_is_followed_and_its_history_lists_every_redirect_earliest_first(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/3"), async);

        Assert.Equal("done", await response.ReadAsStringAsync(async));
        Assert.Equal(["/redirect/3", "/redirect/2", "/redirect/1"], Paths(response.History));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Streamed_redirect_responses_are_drained_so_one_connection_serves_the_chain(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var counts = HostCounts.Of(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/2") { StreamResponse = true }, async);

        Assert.Equal("done", await response.ReadAsStringAsync(async));
        Assert.Equal(2, response.History.Count);
        Assert.Equal(1, counts.NewConnections);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task More_redirects_than_the_session_allows_raise_TooManyRedirects(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions { BaseAddress = host.BaseUri, MaxRedirects = 2 });

        using Response two = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/2"), async);
        TooManyRedirectsException error = await Assert.ThrowsAsync<TooManyRedirectsException>(() => session.SendAsync(new Request(HttpMethods.Get, "/redirect/3"), async));

        Assert.Equal(2, two.History.Count);
        Assert.Equal(2, error.MaxRedirects);
        Assert.Equal(302, error.StatusCode);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_default_limit_is_ten_and_a_request_can_lower_it(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response ten = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/10"), async);
        TooManyRedirectsException eleven = await Assert.ThrowsAsync<TooManyRedirectsException>(() => session.SendAsync(new Request(HttpMethods.Get, "/redirect/11"), async));
        TooManyRedirectsException lowered = await Assert.ThrowsAsync<TooManyRedirectsException>(
            () => session.SendAsync(new Request(HttpMethods.Get, "/redirect/2") { MaxRedirects = 1 }, async));

        Assert.Equal(10, ten.History.Count);
        Assert.Equal(10, eleven.MaxRedirects);
        Assert.Equal(1, lowered.MaxRedirects);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_redirect_back_to_a_visited_URL_raises_RedirectLoop(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var counts = HostCounts.Of(host);

        RedirectLoopException error = await Assert.ThrowsAsync<RedirectLoopException>(() => session.SendAsync(new Request(HttpMethods.Get, "/loop/0"), async));

        Assert.Equal(302, error.StatusCode);
        Assert.Equal("http://127.0.0.1:" + host.Port + "/loop/0", error.Location);
        Assert.Equal(2, counts.NewRequests);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_session_that_does_not_follow_returns_the_redirect_and_a_request_can_opt_back_in(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions { BaseAddress = host.BaseUri, FollowRedirects = false });

        using Response notFollowed = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/1"), async);
        using Response followed = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/1") { FollowRedirects = true }, async);

        Assert.Equal(302, notFollowed.StatusCode);
        Assert.Empty(notFollowed.History);
        Assert.Equal(200, followed.StatusCode);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_request_can_turn_redirects_off(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/1") { FollowRedirects = false }, async);

        Assert.Equal(302, response.StatusCode);
        Assert.True(response.Headers.TryGetValue("Location", out string? location));
        Assert.Equal("/redirect/0", location);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_relative_Location_resolves_against_the_current_URL_and_inherits_its_fragment(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        // "hello" is relative to /redirect-to, so it is /hello (RFC 3986 §5.2.3); the fragment is the request's.
        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/redirect-to?url=hello#part"), async);

        Assert.Equal("hello", await response.ReadAsStringAsync(async));
        Assert.Equal("/hello", response.Uri.AbsolutePath);
        Assert.Equal("#part", response.Uri.Fragment);
    }

    private static Uri To(string target, int status) =>
        new($"/redirect-to?status={status}&url={Uri.EscapeDataString(target)}", UriKind.Relative);

    private static List<string> Paths(IReadOnlyList<Response> responses) => responses.ConvertAll(r => r.Uri.AbsolutePath);

    private static TheoryData<bool, int> Cross(int[] statuses)
    {
        var data = new TheoryData<bool, int>();
        foreach (bool async in new[] { false, true })
        {
            foreach (int status in statuses)
            {
                data.Add(async, status);
            }
        }

        return data;
    }
}

internal static class ResponseListExtensions
{
    public static List<string> ConvertAll(this IReadOnlyList<Response> responses, Func<Response, string> select)
    {
        var result = new List<string>(responses.Count);
        foreach (Response response in responses)
        {
            result.Add(select(response));
        }

        return result;
    }
}
