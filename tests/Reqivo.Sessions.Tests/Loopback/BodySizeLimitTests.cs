using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary><see cref="SessionOptions.MaxResponseBodySize"/> bounds buffered bodies, announced or not; streamed bodies are not limited.</summary>
public sealed class BodySizeLimitTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [InlineData(false, "/bytes/100000")]
    [InlineData(true, "/bytes/100000")]
    [InlineData(false, "/chunked/100000")]
    [InlineData(true, "/chunked/100000")]
    public async Task A_buffered_body_over_the_limit_raises_ProtocolLimitExceededException(bool async, string url)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions { BaseAddress = host.BaseUri, MaxResponseBodySize = 10_000 });

        ProtocolLimitExceededException error = await Assert.ThrowsAsync<ProtocolLimitExceededException>(
            () => session.SendAsync(new Request(HttpMethods.Get, url), async));

        Assert.Equal(nameof(SessionOptions.MaxResponseBodySize), error.LimitName);
        Assert.Equal(10_000, error.Limit);
        Assert.Equal("GET", error.RequestMethod);
        await PoolAssert.RecoversOnNewConnectionAsync(session, host, async);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_streamed_body_is_not_limited(bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        using var session = new Session(new SessionOptions { BaseAddress = host.BaseUri, MaxResponseBodySize = 10_000 });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/chunked/100000") { StreamResponse = true }, async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.Equal(100_000, body.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(body));
        PoolAssert.Settled(session, idle: 1);
    }
}
