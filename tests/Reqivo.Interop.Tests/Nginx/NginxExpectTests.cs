using System;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;
using Reqivo.Pooling;

namespace Reqivo.Interop.Tests.Nginx;

/// <summary>Request bodies nginx refuses or asks for: <c>Expect: 100-continue</c> and the 10 MiB body limit.</summary>
public sealed class NginxExpectTests(NginxServer nginx) : IClassFixture<NginxServer>
{
    private const int OverLimit = (10 << 20) + 1;

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Expect_continue_body_is_sent_after_the_interim_response(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);
        byte[] sent = new byte[50_000];
        sent.AsSpan().Fill((byte)'x');

        using Response response = await session.SendAsync(
            new Request(HttpMethods.Post, nginx.EchoAvailable ? "/echo" : "/post") { Body = RequestBody.FromBytes(sent), ExpectContinue = true }, async);

        Assert.Equal(200, response.StatusCode);
        byte[] received = await response.ReadAsBytesAsync(async);
        Assert.Equal(nginx.EchoAvailable ? sent : "posted"u8.ToArray(), received);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Body_over_the_limit_gets_413(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.SendAsync(
            new Request(HttpMethods.Post, "/post") { Body = RequestBody.FromBytes(new byte[OverLimit]) }, async);

        Assert.Equal(413, response.StatusCode);
        await AssertClosedAndReplacedAsync(session, response, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Body_over_the_limit_with_expect_continue_gets_413(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.SendAsync(
            new Request(HttpMethods.Post, "/post") { Body = RequestBody.FromBytes(new byte[OverLimit]), ExpectContinue = true }, async);

        Assert.Equal(413, response.StatusCode);
        await AssertClosedAndReplacedAsync(session, response, async);
    }

    // nginx refuses the body and closes the connection (Connection: close); the client must not pool it, and the
    // next request goes out on a new connection.
    private static async Task AssertClosedAndReplacedAsync(Session session, Response refused, bool async)
    {
        Assert.Equal("close", refused.Field("Connection"));
        using Response next = await session.GetAsync("/small", async);
        Assert.Equal("hello", await next.ReadAsStringAsync(async));
        PoolStatistics statistics = session.GetPoolStatistics();
        Assert.Equal(2, statistics.ConnectionsCreated);
        Assert.Equal(0, statistics.ConnectionsReused);
    }
}
