using System.Threading.Tasks;
using Reqivo;
using Reqivo.TestServers;
using Reqivo.Transport;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>HTTP/1.1 through a session whose transport gives each connection its own read thread.</summary>
public sealed class DedicatedReadThreadTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Requests_reuse_one_pooled_connection_with_bodies_intact(bool async)
    {
        await using KestrelTestHost host = await KestrelTestHost.StartAsync();
        using var session = new Session(new SessionOptions { Transport = new SocketTransport { DedicatedReadThread = true } });

        for (int i = 0; i < 5; i++)
        {
            using Response response = await session.SendAsync(new Request("GET", host.Url("/chunked/300000?chunk=4096")), async);
            byte[] body = await response.ReadAsBytesAsync(async);
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(300000, body.Length);
            Assert.Equal(-1, TestPayload.IndexOfMismatch(body, 0));
        }

        Assert.Equal(1, host.ConnectionCount);
        Assert.Equal(1, session.GetPoolStatistics().Idle);
    }
}
