using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>Registering hooks: null hooks refused, async hooks ruling out sync sends, a null replacement refused.</summary>
public sealed class SessionHooksRegistrationTests
{
    [Fact]
    public void Null_hooks_are_refused()
    {
        var hooks = new SessionHooks();

        Assert.Equal("hook", Assert.Throws<ArgumentNullException>(() => hooks.AddPreRequest(null!)).ParamName);
        Assert.Equal("hook", Assert.Throws<ArgumentNullException>(() => hooks.AddPreRequestAsync(null!)).ParamName);
        Assert.Equal("hook", Assert.Throws<ArgumentNullException>(() => hooks.AddPostResponse(null!)).ParamName);
        Assert.Equal("hook", Assert.Throws<ArgumentNullException>(() => hooks.AddPostResponseAsync(null!)).ParamName);
    }

    [Fact]
    public void An_async_pre_request_hook_rules_out_sync_sends()
    {
        var hooks = new SessionHooks();
        hooks.AddPreRequest(_ => null);
        hooks.Snapshot.ThrowIfSyncUnsupported(async: false);

        hooks.AddPreRequestAsync((_, _) => ValueTask.FromResult<Response?>(null));

        Assert.Throws<InvalidOperationException>(() => hooks.Snapshot.ThrowIfSyncUnsupported(async: false));
        hooks.Snapshot.ThrowIfSyncUnsupported(async: true);
    }

    [Fact]
    public async Task A_post_response_hook_returning_null_fails_and_the_response_is_released()
    {
        var hooks = new SessionHooks();
        hooks.AddPostResponse(_ => null!);
        var content = ScriptedContent.WithLength([1]);
        Response response = Response.Create(new Request(HttpMethods.Get, "http://example.com/"), 200).WithContent(content);

        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await hooks.Snapshot.RunPostResponseAsync(response, async: true, CancellationToken.None));

        Assert.True(content.Disposed);
    }
}
