using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>
/// The secure defaults of redirects, one rule per test: credentials never follow a redirect to another origin (here a
/// scripted server on another port, which records the exact bytes it received), and https never becomes http unless
/// the session allows it.
/// </summary>
public sealed class RedirectSecurityTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Authorization_is_dropped_when_the_redirect_leaves_the_origin(bool async)
    {
        string received = await RedirectToOtherOriginAsync(async, request => request.Headers.Add("Authorization", "Bearer secret"));

        Assert.StartsWith("GET /landing HTTP/1.1\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", received, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", received, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Proxy_Authorization_is_dropped_when_the_redirect_leaves_the_origin(bool async)
    {
        string received = await RedirectToOtherOriginAsync(async, request => request.Headers.Add("Proxy-Authorization", "Basic c2VjcmV0"));

        Assert.StartsWith("GET /landing HTTP/1.1\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Proxy-Authorization", received, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_explicit_Cookie_is_dropped_when_the_redirect_leaves_the_origin(bool async)
    {
        string received = await RedirectToOtherOriginAsync(async, request => request.Headers.Add("Cookie", "session=secret"));

        Assert.StartsWith("GET /landing HTTP/1.1\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Cookie", received, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_default_Authorization_of_the_session_is_dropped_when_the_redirect_leaves_the_origin(bool async)
    {
        string received = await RedirectToOtherOriginAsync(async, _ => { }, session => session.DefaultHeaders.Add("Authorization", "Bearer default-secret"));

        Assert.DoesNotContain("Authorization", received, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Other_fields_do_follow_a_redirect_to_another_origin(bool async)
    {
        string received = await RedirectToOtherOriginAsync(async, request => request.Headers.Add("X-Trace", "t1"));

        Assert.Contains("\r\nX-Trace: t1\r\n", received, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Credentials_are_kept_when_the_redirect_stays_on_the_origin(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(host);
        var request = new Request(HttpMethods.Get, "/redirect-to?url=%2Finspect");
        request.Headers.Add("Authorization", "Bearer secret");
        request.Headers.Add("Cookie", "a=1");

        using Response response = await session.SendAsync(request, async);

        string seen = await response.ReadAsStringAsync(async);
        Assert.Contains("Authorization: Bearer secret\n", seen, StringComparison.Ordinal);
        Assert.Contains("Cookie: a=1\n", seen, StringComparison.Ordinal);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_redirect_from_https_to_http_is_refused_by_default(bool async)
    {
        KestrelTestHost secure = await hosts.GetAsync(https: true);
        KestrelTestHost plain = await hosts.GetAsync();
        using Session session = LoopbackSessions.For(secure);
        var plainCounts = HostCounts.Of(plain);

        InsecureRedirectException error = await Assert.ThrowsAsync<InsecureRedirectException>(
            () => session.SendAsync(new Request(HttpMethods.Get, DowngradeTo(plain)), async));

        Assert.Equal(302, error.StatusCode);
        Assert.StartsWith("http://", error.Location, StringComparison.Ordinal);
        Assert.Equal(0, plainCounts.NewRequests);
        PoolAssert.Settled(session, idle: 1);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_redirect_from_https_to_http_is_followed_when_the_session_allows_it(bool async)
    {
        KestrelTestHost secure = await hosts.GetAsync(https: true);
        KestrelTestHost plain = await hosts.GetAsync();
        SessionOptions defaults = LoopbackSessions.Options(secure.BaseUri);
        using var session = new Session(new SessionOptions { BaseAddress = defaults.BaseAddress, Tls = defaults.Tls, AllowHttpsToHttpRedirects = true });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, DowngradeTo(plain)), async);

        Assert.Equal("hello", await response.ReadAsStringAsync(async));
        Assert.Equal("http", response.Uri.Scheme);
        PoolAssert.Settled(session, idle: 2);
    }

    /// <summary>Sends a GET to Kestrel that redirects to a scripted server on another port; returns what that server received.</summary>
    private async Task<string> RedirectToOtherOriginAsync(bool async, Action<Request> prepare, Action<Session>? configure = null)
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using var other = new ScriptedTcpServer(Scripts.AnswersOk());
        using Session session = LoopbackSessions.For(host);
        configure?.Invoke(session);
        string landing = $"http://127.0.0.1:{other.Port}/landing";
        var request = new Request(HttpMethods.Get, "/redirect-to?url=" + Uri.EscapeDataString(landing));
        prepare(request);

        using Response response = await session.SendAsync(request, async);

        Assert.Equal("ok", await response.ReadAsStringAsync(async));
        Assert.Equal(302, Assert.Single(response.History).StatusCode);
        PoolAssert.Settled(session, idle: 2);
        return (await other.WaitForConnectionAsync(0)).ReceivedText;
    }

    private static string DowngradeTo(KestrelTestHost plain) => "/redirect-to?url=" + Uri.EscapeDataString(plain.Url("/hello").AbsoluteUri);
}
