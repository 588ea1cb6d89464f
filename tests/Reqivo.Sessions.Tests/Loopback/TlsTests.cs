using System;
using System.Net.Security;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;
using Reqivo.Transport;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>https: verification is on by default; a trusted certificate gives an ordinary exchange.</summary>
public sealed class TlsTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task An_untrusted_certificate_fails_with_TlsException_by_default(bool async)
    {
        KestrelTestHost secure = await hosts.GetAsync(https: true);
        KestrelTestHost plain = await hosts.GetAsync();
        var secureCounts = HostCounts.Of(secure);
        using var session = new Session();

        TlsException error = await Assert.ThrowsAsync<TlsException>(
            () => session.SendAsync(new Request(HttpMethods.Get, secure.Url("/hello")), async));

        Assert.Equal(1, secureCounts.NewConnections);
        Assert.Equal(0, secureCounts.NewRequests);
        Assert.Equal("GET", error.RequestMethod);
        // The failed handshake left nothing in the pool; the session still works for other origins.
        await PoolAssert.RecoversOnNewConnectionAsync(session, plain, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_callback_that_refuses_the_certificate_fails_every_attempt(bool async)
    {
        KestrelTestHost secure = await hosts.GetAsync(https: true);
        KestrelTestHost plain = await hosts.GetAsync();
        var counts = HostCounts.Of(secure);
        int calls = 0;
        using var session = new Session(new SessionOptions
        {
            Tls = new TlsOptions
            {
                AuthenticationOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, _, _, _) =>
                    {
                        calls++;
                        return false;
                    },
                },
            },
        });

        await Assert.ThrowsAsync<TlsException>(() => session.SendAsync(new Request(HttpMethods.Get, secure.Url("/hello")), async));
        await Assert.ThrowsAsync<TlsException>(() => session.SendAsync(new Request(HttpMethods.Get, secure.Url("/hello")), async));

        Assert.Equal(2, calls);
        Assert.Equal(2, counts.NewConnections);
        Assert.Equal(0, counts.NewRequests);
        await PoolAssert.RecoversOnNewConnectionAsync(session, plain, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_trusted_certificate_gives_a_normal_exchange_with_reuse(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync(https: true);
        using Session session = LoopbackSessions.For(host);

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/bytes/100000"), async))
        {
            Assert.Equal(new Uri(host.BaseUri, "bytes/100000"), response.Uri);
            Assert.Equal("https", response.Uri.Scheme);
            byte[] body = await response.ReadAsBytesAsync(async);
            Assert.Equal(100_000, body.Length);
            Assert.Equal(-1, TestPayload.IndexOfMismatch(body));
        }

        await PoolAssert.NextRequestSucceedsAsync(session, host, async, onNewConnection: false);
    }
}
