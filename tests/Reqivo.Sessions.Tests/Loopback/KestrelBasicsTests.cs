using System.Threading.Tasks;
using Reqivo;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

public sealed class KestrelBasicsTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Get_returns_status_headers_and_body(bool async)
    {
        await using KestrelTestHost host = await KestrelTestHost.StartAsync();
        using var session = new Session();

        using Response response = await session.SendAsync(new Request("GET", host.Url("/hello")), async);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.True(response.Headers.TryGetValue("content-type", out string? type));
        Assert.StartsWith("text/plain", type);
        Assert.Equal("hello", await response.ReadAsStringAsync(async));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Keep_alive_reuses_one_connection(bool async)
    {
        await using KestrelTestHost host = await KestrelTestHost.StartAsync();
        using var session = new Session();

        for (int i = 0; i < 5; i++)
        {
            using Response response = await session.SendAsync(new Request("GET", host.Url("/bytes/1000")), async);
            byte[] body = await response.ReadAsBytesAsync(async);
            Assert.Equal(-1, TestPayload.IndexOfMismatch(body, 0));
            Assert.Equal(1000, body.Length);
        }

        Assert.Equal(1, host.ConnectionCount);
        Assert.Equal(1, session.GetPoolStatistics().Idle);
        Assert.Equal(0, session.GetPoolStatistics().Active);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Chunked_body_is_reassembled(bool async)
    {
        await using KestrelTestHost host = await KestrelTestHost.StartAsync();
        using var session = new Session();

        using Response response = await session.SendAsync(new Request("GET", host.Url("/chunked/100000?chunk=777")), async);
        byte[] body = await response.ReadAsBytesAsync(async);

        Assert.Equal(100000, body.Length);
        Assert.Equal(-1, TestPayload.IndexOfMismatch(body, 0));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Post_echoes_a_body_with_content_length(bool async)
    {
        await using KestrelTestHost host = await KestrelTestHost.StartAsync();
        using var session = new Session();

        using Response response = await session.SendAsync(
            new Request("POST", host.Url("/echo")) { Body = RequestBody.FromString("ping", "text/plain") }, async);

        Assert.Equal("ping", await response.ReadAsStringAsync(async));
        Assert.True(response.Headers.TryGetValue("X-Request-Length", out string? length));
        Assert.Equal("4", length);
    }
}
