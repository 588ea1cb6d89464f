using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Responses;

/// <summary>
/// Discarded responses (redirects, retried attempts): a streamed body is read to its end when it is at most 64 KiB
/// past what was read, so the connection can be reused, and the response is disposed either way.
/// </summary>
public sealed class ResponseDrainTests
{
    private const int MaxDrainBytes = 64 * 1024;

    private static readonly Request Get = new(HttpMethods.Get, "http://example.com/x");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unread_streamed_body_is_drained_to_its_end_then_disposed(bool async)
    {
        var content = ScriptedContent.WithLength([1, 2], [3]);
        Response response = Response.Create(Get, 302).WithContent(content);

        await response.DrainAndDisposeAsync(async, CancellationToken.None);

        Assert.True(content.IsComplete);
        Assert.All(content.ReadModes, mode => Assert.Equal(async, mode));
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task A_body_of_exactly_the_drain_limit_is_still_read_to_its_end()
    {
        var content = ScriptedContent.WithLength(new byte[MaxDrainBytes]);
        Response response = Response.Create(Get, 302).WithContent(content);

        await response.DrainAndDisposeAsync(async: true, CancellationToken.None);

        Assert.True(content.IsComplete);
    }

    [Fact]
    public async Task Draining_stops_once_more_than_the_limit_was_read()
    {
        var content = ScriptedContent.WithLength(new byte[MaxDrainBytes], [1], [2]);
        Response response = Response.Create(Get, 302).WithContent(content);

        await response.DrainAndDisposeAsync(async: true, CancellationToken.None);

        Assert.Equal(2, content.BlocksRead);
        Assert.False(content.IsComplete);
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task A_body_already_being_read_is_not_drained()
    {
        var content = ScriptedContent.WithLength([1], [2]);
        Response response = Response.Create(Get, 302).WithContent(content);
        using (var chunks = response.ReadChunks().GetEnumerator())
        {
            Assert.True(chunks.MoveNext());
        }

        await response.DrainAndDisposeAsync(async: true, CancellationToken.None);

        Assert.Equal(1, content.BlocksRead);
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task A_disposed_response_is_not_drained()
    {
        var content = ScriptedContent.WithLength([1]);
        Response response = Response.Create(Get, 302).WithContent(content);
        response.Dispose();

        await response.DrainAndDisposeAsync(async: true, CancellationToken.None);

        Assert.Empty(content.ReadModes);
    }
}
