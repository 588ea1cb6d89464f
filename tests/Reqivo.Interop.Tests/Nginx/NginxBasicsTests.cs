using System;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;
using Reqivo.Pooling;

namespace Reqivo.Interop.Tests.Nginx;

/// <summary>Status, head fields, keep-alive and connection closing against nginx, on both ports and in both modes.</summary>
public sealed class NginxBasicsTests(NginxServer nginx) : IClassFixture<NginxServer>
{
    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Get_small_returns_the_static_file(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.GetAsync("/small", async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("text/plain", response.Field("Content-Type"));
        Assert.Equal("5", response.Field("Content-Length"));
        Assert.Equal("hello", await response.ReadAsStringAsync(async));
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Keep_alive_sends_every_request_on_one_connection(Scheme scheme, bool async)
    {
        const int Requests = 10;
        using Session session = nginx.CreateSession(scheme);

        for (int i = 0; i < Requests; i++)
        {
            using Response response = await session.GetAsync("/small", async);
            Assert.Equal("keep-alive", response.Field("Connection"));
            Assert.Equal("hello", await response.ReadAsStringAsync(async));
        }

        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(1, statistics.ConnectionsCreated);
        Assert.Equal(Requests - 1, statistics.ConnectionsReused);
        Assert.Equal(1, statistics.Idle);
        Assert.Equal(0, statistics.Active);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Not_found_is_a_response_and_EnsureSuccess_throws(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.GetAsync("/status/404", async);

        Assert.Equal(404, response.StatusCode);
        Assert.False(response.IsSuccess);
        Assert.StartsWith("text/html", response.Field("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("404", await response.ReadAsStringAsync(async), StringComparison.Ordinal);
        HttpStatusException exception = Assert.Throws<HttpStatusException>(() => response.EnsureSuccess());
        Assert.Equal(404, exception.StatusCode);

        // An error status is an ordinary exchange: the connection stays usable.
        using Response next = await session.GetAsync("/small", async);
        Assert.Same(next, next.EnsureSuccess());
        Assert.Equal(1, session.GetPoolStatistics().ConnectionsCreated);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Connection_close_is_not_reused(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        for (int i = 1; i <= 2; i++)
        {
            using Response response = await session.GetAsync("/close", async);
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("close", response.Field("Connection"));
            Assert.Equal("close", await response.ReadAsStringAsync(async));
            Assert.Equal(i, session.GetPoolStatistics().ConnectionsCreated);
        }

        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(0, statistics.ConnectionsReused);
        Assert.Equal(0, statistics.Idle);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Head_has_the_length_of_the_resource_and_no_body(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using (Response head = await session.SendAsync(new Request(HttpMethods.Head, "/bytes/1m"), async))
        {
            Assert.Equal(200, head.StatusCode);
            Assert.Equal("1048576", head.Field("Content-Length"));
            Assert.Empty(await head.ReadAsBytesAsync(async));
        }

        // RFC 9112 §6.3 (1): a HEAD response has no body whatever its Content-Length says. Had the client waited for
        // 1 MiB, this request would time out or read garbage; on the same connection it gets its own answer.
        using Response next = await session.GetAsync("/small", async);
        Assert.Equal("hello", await next.ReadAsStringAsync(async));
        Assert.Equal(1, session.GetPoolStatistics().ConnectionsCreated);
    }
}
