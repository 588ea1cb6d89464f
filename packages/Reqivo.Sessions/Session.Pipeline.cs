using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Authentication;
using Reqivo.Hooks;
using Reqivo.Internal;

namespace Reqivo;

/// <summary>
/// The send pipeline, one named stage per method, outermost first:
/// <list type="number">
/// <item><see cref="SendPipelineAsync"/>: pre-request hooks, target resolution, redirects, post-response hooks;</item>
/// <item><see cref="ResolveTarget"/>: base URL (RFC 3986 §5.2) and query parameters;</item>
/// <item><c>FollowRedirectsAsync</c> (Session.Redirects.cs): one hop after another under the redirect rules;</item>
/// <item><see cref="SendHopAsync"/>: one hop: the exchange with retries, then the after-response stage
/// (cookies, authentication challenge, decoding; Session.Features.cs);</item>
/// <item><c>ExchangeWithRetriesAsync</c> (Session.Retries.cs): the retry policy around the exchange;</item>
/// <item><c>ExchangeAsync</c> (Session.Send.cs): one request on one connection; while its head is built the
/// cookie, authentication and Accept-Encoding stages add their fields.</item>
/// </list>
/// </summary>
public sealed partial class Session
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> SendPipelineAsync(Request request, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        HookSet hooks = Hooks.Snapshot;
        hooks.ThrowIfSyncUnsupported(async);

        Response? response = await hooks.RunPreRequestAsync(request, async, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            Uri uri = ResolveTarget(request);
            response = await FollowRedirectsAsync(request, uri, async, cancellationToken).ConfigureAwait(false);
        }

        return await hooks.RunPostResponseAsync(response, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stage "resolve": base URL and query parameters (see <see cref="TargetResolver"/>).</summary>
    private Uri ResolveTarget(Request request) => TargetResolver.Resolve(Configuration.BaseAddress, request.Uri, request.QueryOrNull);

    /// <summary>
    /// One hop of a redirect chain: the exchange (with the retry policy), then the after-response stage. When the
    /// authentication stage asks for it, the hop is sent again (only with a replayable body), at most
    /// <see cref="AuthenticationContext.MaxAnsweredChallenges"/> times.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> SendHopAsync(Request hop, Uri uri, bool async, CancellationToken cancellationToken)
    {
        bool challengeAllowed = hop.Body is null || hop.Body.IsReplayable;
        // Credentials answered to a challenge belong to this hop's origin only: a request carrying an answer (a
        // response's Request sent again, or a redirect made from it) starts without it.
        if (hop.ChallengeAuthorization is not null)
        {
            hop = hop.ForChallengeAnswer(null, 0);
        }

        while (true)
        {
            Response response = await ExchangeWithRetriesAsync(hop, uri, async, cancellationToken).ConfigureAwait(false);
            (response, Request? sendAgain) = AfterResponse(hop, uri, response, challengeAllowed);
            if (sendAgain is null)
            {
                return response;
            }

            hop = sendAgain;
            // A Digest stale=true on the answered attempt gets one more answer (RFC 7616 §3.3); then the 401 stands.
            challengeAllowed = hop.AnsweredChallenges < AuthenticationContext.MaxAnsweredChallenges;
            await response.DrainAndDisposeAsync(async, cancellationToken).ConfigureAwait(false);
        }
    }
}
