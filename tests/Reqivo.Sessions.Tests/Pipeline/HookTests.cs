using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>Pre-request and post-response hooks: order, changes, short-circuits, replacement and exceptions.</summary>
public sealed class HookTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Hooks_run_in_registration_order_pre_request_before_post_response(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var order = new List<string>();
        session.Hooks.AddPreRequest(_ => { order.Add("pre1"); return null; });
        session.Hooks.AddPreRequest(_ => { order.Add("pre2"); return null; });
        session.Hooks.AddPostResponse(response => { order.Add("post1"); return response; });
        session.Hooks.AddPostResponse(response => { order.Add("post2"); return response; });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/hello"), async);

        Assert.Equal(["pre1", "pre2", "post1", "post2"], order);
        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_pre_request_hook_can_change_the_request_before_it_is_sent(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        session.Hooks.AddPreRequest(request =>
        {
            request.Headers.Add("X-Signed", "yes");
            request.Uri = new Uri("/inspect", UriKind.Relative);
            request.Method = HttpMethods.Put;
            return null;
        });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/hello"), async);

        string seen = await response.ReadAsStringAsync(async);
        Assert.StartsWith("PUT /inspect\n", seen, StringComparison.Ordinal);
        Assert.Contains("X-Signed: yes\n", seen, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Pre_request_hooks_run_once_per_send_and_do_not_see_redirected_requests(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var seen = new List<string>();
        session.Hooks.AddPreRequest(request => { seen.Add(request.Uri.OriginalString); return null; });
        int post = 0;
        session.Hooks.AddPostResponse(response => { post++; return response; });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/redirect/2"), async);

        Assert.Equal(["/redirect/2"], seen);
        Assert.Equal(1, post);
        Assert.Equal(2, response.History.Count);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_pre_request_hook_can_answer_without_the_network_and_post_hooks_still_run(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var counts = HostCounts.Of(host);
        bool laterHookRan = false;
        Response? postSaw = null;
        session.Hooks.AddPreRequest(request => Response.Create(request, 203, body: "cached"u8.ToArray()));
        session.Hooks.AddPreRequest(_ => { laterHookRan = true; return null; });
        session.Hooks.AddPostResponse(response => postSaw = response);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/hello"), async);

        Assert.Equal(203, response.StatusCode);
        Assert.Equal("cached", await response.ReadAsStringAsync(async));
        Assert.False(laterHookRan);
        Assert.Same(response, postSaw);
        Assert.Equal(0, counts.NewRequests);
        Assert.Equal(0, session.GetPoolStatistics().ConnectionsCreated);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_post_response_hook_can_replace_the_response_and_the_replaced_one_is_disposed(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        Response? original = null;
        session.Hooks.AddPostResponse(response =>
        {
            original = response;
            var headers = new HttpHeaders();
            headers.Add("X-Replaced", "1");
            return Response.Create(response.Request, 299, headers, "replaced"u8.ToArray());
        });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/bytes/100") { StreamResponse = true }, async);

        Assert.Equal(299, response.StatusCode);
        Assert.Equal("replaced", await response.ReadAsStringAsync(async));
        Assert.NotNull(original);
        Assert.Throws<ObjectDisposedException>(() => original.ReadAsBytes());
        PoolAssert.Settled(session, idle: 1);
    }

    [Fact]
    public async Task Asynchronous_hooks_run_on_SendAsync()
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        session.Hooks.AddPreRequestAsync(async (request, ct) =>
        {
            await Task.Yield();
            request.Headers.Add("X-Async", "1");
            return null;
        });
        session.Hooks.AddPostResponseAsync(async (response, ct) =>
        {
            await Task.Yield();
            return Response.Create(response.Request, 200, body: await response.ReadAsBytesAsync(ct));
        });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/inspect"));

        Assert.Contains("X-Async: 1\n", await response.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_synchronous_send_refuses_a_session_with_asynchronous_hooks_before_anything_runs()
    {
        using var session = new Session(new SessionOptions { BaseAddress = new Uri("http://127.0.0.1:1/") });
        bool syncHookRan = false;
        session.Hooks.AddPreRequest(_ => { syncHookRan = true; return null; });
        session.Hooks.AddPostResponseAsync((response, _) => ValueTask.FromResult(response));

        Assert.Throws<InvalidOperationException>(() => session.Send(new Request(HttpMethods.Get, "/hello")));
        Assert.False(syncHookRan);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_hook_exception_propagates_unchanged(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var thrown = new FormatException("from the hook");
        session.Hooks.AddPostResponse(_ => throw thrown);

        FormatException caught = await Assert.ThrowsAsync<FormatException>(() => session.SendAsync(new Request(HttpMethods.Get, "/bytes/4000000") { StreamResponse = true }, async));

        Assert.Same(thrown, caught);
        // The streamed response the caller never got was disposed: its unread connection closed, not leaked.
        PoolAssert.Settled(session, idle: 0);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_pre_request_hook_exception_propagates_unchanged_and_nothing_is_sent(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var counts = HostCounts.Of(host);
        var thrown = new InvalidOperationException("refused by policy");
        session.Hooks.AddPreRequest(_ => throw thrown);

        InvalidOperationException caught = await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAsync(new Request(HttpMethods.Get, "/hello"), async));

        Assert.Same(thrown, caught);
        Assert.Equal(0, counts.NewRequests);
    }
}
