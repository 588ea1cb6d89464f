using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>The one-call verb helpers (Get, Post, Put, Patch, Delete, Head, Options) against Kestrel.</summary>
public sealed class VerbTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Get_returns_the_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await Modes.Run(async, () => session.Get("/hello"), () => session.GetAsync("/hello"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(HttpMethods.Get, response.Request.Method);
        Assert.Equal(host.Url("/hello"), response.Uri);
        Assert.Equal(new System.Version(1, 1), response.Version);
        Assert.True(response.IsBuffered);
        Assert.Equal("hello", await response.ReadAsStringAsync(async));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Post_Put_Patch_send_their_method_and_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);

        using Response post = await Modes.Run(
            async, () => session.Post("/echo", RequestBody.FromString("p")), () => session.PostAsync("/echo", RequestBody.FromString("p")));
        using Response put = await Modes.Run(
            async, () => session.Put("/echo", RequestBody.FromString("pu")), () => session.PutAsync("/echo", RequestBody.FromString("pu")));
        using Response patch = await Modes.Run(
            async, () => session.Patch("/echo", RequestBody.FromString("pat")), () => session.PatchAsync("/echo", RequestBody.FromString("pat")));

        AssertEcho(post, "POST", "p");
        AssertEcho(put, "PUT", "pu");
        AssertEcho(patch, "PATCH", "pat");
        Assert.Equal(1, counts.NewConnections);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Post_without_a_body_sends_no_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await Modes.Run(async, () => session.Post("/echo", null), () => session.PostAsync("/echo", null));

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(await response.ReadAsBytesAsync(async));
        Assert.Equal("POST", response.Headers.GetCombinedValue("X-Request-Method"));
        Assert.True(response.Headers.TryGetValue("X-Request-Length", out string? length));
        // No chunked framing for an absent body; RFC 9110 §8.6 says a POST without content SHOULD carry Content-Length: 0.
        Assert.Contains(length, new[] { "0", "none" });
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Delete_sends_its_method_without_a_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await Modes.Run(async, () => session.Delete("/echo"), () => session.DeleteAsync("/echo"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("DELETE", response.Headers.GetCombinedValue("X-Request-Method"));
        Assert.Equal("none", response.Headers.GetCombinedValue("X-Request-Length"));
        Assert.Empty(await response.ReadAsBytesAsync(async));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Head_returns_the_fields_of_a_GET_without_a_body(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using Session session = LoopbackSessions.For(host);

        using Response response = await Modes.Run(async, () => session.Head("/bytes/1000"), () => session.HeadAsync("/bytes/1000"));

        Assert.Equal(200, response.StatusCode);
        // RFC 9110 §9.3.2: the Content-Length of a HEAD response describes the GET body that was not sent.
        Assert.Equal("1000", response.Headers.GetCombinedValue("Content-Length"));
        Assert.Empty(await response.ReadAsBytesAsync(async));
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsyncOverHttpAndHttps), MemberType = typeof(Modes))]
    public async Task Options_reaches_the_server_with_its_method(bool async, bool https)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var counts = HostCounts.Of(host);
        using Session session = LoopbackSessions.For(host);

        // /hello maps GET only, so the router answers OPTIONS with 405 and lists the allowed methods (RFC 9110 §15.5.6).
        using Response response = await Modes.Run(async, () => session.Options("/hello"), () => session.OptionsAsync("/hello"));

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET", response.Headers.GetCombinedValue("Allow"));
        Assert.Equal(HttpMethods.Options, response.Request.Method);
        Assert.Equal(1, counts.NewRequests);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task EnsureSuccess_throws_for_an_error_status_and_keeps_the_connection(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);

        using Response response = await Modes.Run(async, () => session.Get("/status/404"), () => session.GetAsync("/status/404"));

        HttpStatusException error = Assert.Throws<HttpStatusException>(() => response.EnsureSuccess());
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("GET", error.RequestMethod);
        Assert.False(response.IsSuccess);
        // A status is not a connection failure: the connection went back to the pool and is reused.
        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }

    private static void AssertEcho(Response response, string method, string body)
    {
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(method, response.Headers.GetCombinedValue("X-Request-Method"));
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetCombinedValue("X-Request-Length"));
        Assert.Equal(body, response.ReadAsString());
    }
}
