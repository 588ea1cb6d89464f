using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Hooks;

/// <summary>One registered pre-request hook: exactly one of the two forms is set.</summary>
internal sealed record PreRequestHook(Func<Request, Response?>? Sync, Func<Request, CancellationToken, ValueTask<Response?>>? Async);

/// <summary>One registered post-response hook: exactly one of the two forms is set.</summary>
internal sealed record PostResponseHook(Func<Response, Response>? Sync, Func<Response, CancellationToken, ValueTask<Response>>? Async);

/// <summary>An immutable snapshot of a session's hooks, and the code that runs them in order.</summary>
internal sealed record HookSet(ImmutableArray<PreRequestHook> PreRequest, ImmutableArray<PostResponseHook> PostResponse, bool HasAsyncOnly)
{
    public static HookSet Empty { get; } = new([], [], false);

    /// <summary>Refuses a synchronous send when an asynchronous hook would have to be blocked on.</summary>
    public void ThrowIfSyncUnsupported(bool async)
    {
        if (!async && HasAsyncOnly)
        {
            throw new InvalidOperationException("This session has asynchronous hooks; send with SendAsync, or register synchronous hooks.");
        }
    }

    /// <summary>Runs the pre-request hooks in order; returns the first response one of them gives, or null.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Response?> RunPreRequestAsync(Request request, bool async, CancellationToken cancellationToken)
    {
        foreach (PreRequestHook hook in PreRequest)
        {
            Response? response = hook.Sync is not null
                ? hook.Sync(request)
                : await hook.Async!(request, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                return response;
            }
        }

        return null;
    }

    /// <summary>Runs the post-response hooks in order, disposing every response a hook replaced.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Response> RunPostResponseAsync(Response response, bool async, CancellationToken cancellationToken)
    {
        foreach (PostResponseHook hook in PostResponse)
        {
            Response next;
            try
            {
                next = hook.Sync is not null
                    ? hook.Sync(response)
                    : await hook.Async!(response, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // The caller never gets this response: release its connection before the hook's exception goes on.
                response.Dispose();
                throw;
            }

            if (next is null)
            {
                response.Dispose();
                throw new InvalidOperationException("A post-response hook returned null; it must return the response or a replacement.");
            }

            if (!ReferenceEquals(next, response))
            {
                response.Dispose();
                response = next;
            }
        }

        return response;
    }
}
