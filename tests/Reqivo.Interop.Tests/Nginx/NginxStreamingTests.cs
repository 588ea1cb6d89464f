using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;
using Reqivo.Pooling;

namespace Reqivo.Interop.Tests.Nginx;

/// <summary>Streamed responses (<see cref="Request.StreamResponse"/>): read as lines, or abandoned half way.</summary>
public sealed class NginxStreamingTests(NginxServer nginx) : IClassFixture<NginxServer>
{
    private const int PageLines = 2048;

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Chunked_page_streams_as_lines(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/chunked") { StreamResponse = true }, async);
        List<string> lines = await ReadLinesAsync(response, async);

        // Lines cross nginx's chunk boundaries: each must come out whole, in order.
        Assert.Equal(PageLines, lines.Count);
        for (int i = 0; i < PageLines; i++)
        {
            Assert.Equal($"line {i + 1:D4} of the reqivo interop text page", lines[i]);
        }

        Assert.Equal(1, session.GetPoolStatistics().Idle);
    }

    [Theory]
    [MemberData(nameof(Modes.SchemesAndModes), MemberType = typeof(Modes))]
    public async Task Abandoned_streamed_body_closes_its_connection(Scheme scheme, bool async)
    {
        using Session session = nginx.CreateSession(scheme);

        using (Response response = await session.SendAsync(new Request(HttpMethods.Get, "/bytes/1m") { StreamResponse = true }, async))
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(1, session.GetPoolStatistics().Active);
        }

        // The unread rest of the body would be read as the next response: the connection must be closed, not pooled.
        PoolStatistics afterDispose = session.GetPoolStatistics();
        Assert.Equal(0, afterDispose.Active);
        Assert.Equal(0, afterDispose.Idle);
        Assert.Equal(1, afterDispose.ConnectionsDisposed);

        using Response next = await session.GetAsync("/small", async);
        Assert.Equal("hello", await next.ReadAsStringAsync(async));
        Assert.Equal(2, session.GetPoolStatistics().ConnectionsCreated);
        Assert.Equal(0, session.GetPoolStatistics().ConnectionsReused);
    }

    private static async Task<List<string>> ReadLinesAsync(Response response, bool async)
    {
        var lines = new List<string>();
        if (async)
        {
            await foreach (string line in response.ReadLinesAsync())
            {
                lines.Add(line);
            }
        }
        else
        {
            lines.AddRange(response.ReadLines());
        }

        return lines;
    }
}
