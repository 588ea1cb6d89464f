using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Hooks;

namespace Reqivo;

/// <summary>
/// Code that runs around every <see cref="Session.Send"/> / <see cref="Session.SendAsync"/>, in registration order.
/// </summary>
/// <remarks>
/// <para>Order of one send: the pre-request hooks, then base URL and query resolution, the exchange with its
/// redirects and retries, then the post-response hooks.</para>
/// <para><b>Pre-request hooks</b> run once per send, before anything else, with the caller's <see cref="Request"/>:
/// they may change it (method, URI, fields, body, options). They do not see the requests of redirects or retries,
/// which the session derives from the (possibly changed) request. A hook that returns a response short-circuits: the
/// later pre-request hooks and the network are skipped, and that response goes to the post-response hooks.</para>
/// <para><b>Post-response hooks</b> run once per send on the final response (after redirects; its
/// <see cref="Response.History"/> lists the redirects). Each returns the response to pass on: the same one, or a
/// replacement, in which case the session disposes the replaced one.</para>
/// <para>An exception thrown by a hook propagates unchanged to the caller of the send method (the session disposes a
/// response it holds at that moment). Synchronous hooks run on both send paths; asynchronous hooks run only on
/// <see cref="Session.SendAsync"/>: a synchronous send on a session that has one throws
/// <see cref="InvalidOperationException"/> before any hook runs.</para>
/// <para>Register hooks before the first request; registering is thread-safe, but a send sees the hooks registered
/// when it started.</para>
/// </remarks>
public sealed class SessionHooks
{
    private readonly Lock _gate = new();
    private HookSet _set = HookSet.Empty;

    /// <summary>Adds a synchronous pre-request hook.</summary>
    /// <param name="hook">Receives the request; returns null to go on, or a response to answer the request with.</param>
    public void AddPreRequest(Func<Request, Response?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Update(set => set with { PreRequest = [.. set.PreRequest, new PreRequestHook(hook, null)] });
    }

    /// <summary>Adds an asynchronous pre-request hook (runs only on asynchronous sends).</summary>
    /// <param name="hook">Receives the request and the send's cancellation token; returns null to go on, or a response.</param>
    public void AddPreRequestAsync(Func<Request, CancellationToken, ValueTask<Response?>> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Update(set => set with { PreRequest = [.. set.PreRequest, new PreRequestHook(null, hook)], HasAsyncOnly = true });
    }

    /// <summary>Adds a synchronous post-response hook.</summary>
    /// <param name="hook">Receives the response; returns it, or a replacement.</param>
    public void AddPostResponse(Func<Response, Response> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Update(set => set with { PostResponse = [.. set.PostResponse, new PostResponseHook(hook, null)] });
    }

    /// <summary>Adds an asynchronous post-response hook (runs only on asynchronous sends).</summary>
    /// <param name="hook">Receives the response and the send's cancellation token; returns it, or a replacement.</param>
    public void AddPostResponseAsync(Func<Response, CancellationToken, ValueTask<Response>> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Update(set => set with { PostResponse = [.. set.PostResponse, new PostResponseHook(null, hook)], HasAsyncOnly = true });
    }

    /// <summary>Removes every hook.</summary>
    public void Clear() => Update(_ => HookSet.Empty);

    /// <summary>The hooks registered now (an immutable snapshot).</summary>
    internal HookSet Snapshot => Volatile.Read(ref _set);

    private void Update(Func<HookSet, HookSet> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _set, change(_set));
        }
    }
}
