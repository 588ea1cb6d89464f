using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Protocol;
using Reqivo.Redirects;

namespace Reqivo;

/// <summary>
/// The redirect stage: hops follow each other under <see cref="RedirectRules"/> (method, body, target) and the
/// session's limits and security rules. Each redirect response is drained and disposed before the next hop, so its
/// connection is back in the pool, and is kept in the final response's <see cref="Response.History"/>.
/// </summary>
public sealed partial class Session
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> FollowRedirectsAsync(Request request, Uri uri, bool async, CancellationToken cancellationToken)
    {
        bool follow = request.FollowRedirects ?? Configuration.FollowRedirects;
        int maxRedirects = request.MaxRedirects ?? Configuration.MaxRedirects;
        Request hop = request;
        List<Response>? history = null;
        HashSet<(string Method, string Url, string? Cookies)>? visited = null;
        while (true)
        {
            Response response = await SendHopAsync(hop, uri, async, cancellationToken).ConfigureAwait(false);
            response.Headers.TryGetValue(HttpHeaderNames.Location, out string? location);
            RedirectStep? step = follow ? RedirectRules.Decide(hop.Method, response.StatusCode, uri, location) : null;
            if (step is null)
            {
                response.History = history is null ? [] : history.AsReadOnly();
                return response;
            }

            try
            {
                visited ??= [(hop.Method, WithoutFragment(uri), CookiesSentTo(uri, response))];
                CheckRedirect(step, response.StatusCode, hop, visited, history?.Count ?? 0, maxRedirects);
            }
            catch (RedirectException error)
            {
                error.RequestMethod = hop.Method;
                error.RequestUrl = UrlRedactor.Redact(uri);
                response.Dispose();
                throw;
            }

            await response.DrainAndDisposeAsync(async, cancellationToken).ConfigureAwait(false);
            (history ??= []).Add(response);
            hop = hop.ForRedirect(step.Method, step.Target, step.KeepBody, dropCredentials: step.LeavesOrigin);
            uri = step.Target;
        }
    }

    /// <summary>The session's rules for following one redirect; throws the <see cref="RedirectException"/> that applies.</summary>
    private void CheckRedirect(RedirectStep step, int statusCode, Request hop, HashSet<(string, string, string?)> visited, int followed, int maxRedirects)
    {
        string target = UrlRedactor.Redact(step.Target);
        if (!step.IsHttp)
        {
            throw new RedirectException($"The redirect points to {target}, which is not an http or https URI.", statusCode, target);
        }

        if (followed >= maxRedirects)
        {
            throw new TooManyRedirectsException(maxRedirects, statusCode, target);
        }

        // A revisit is a loop only when nothing changed that the next request would carry: a 302 back to the same URL
        // after Set-Cookie (a common cookie check) gets its second request, a repeat with the same cookies does not.
        if (!visited.Add((step.Method, WithoutFragment(step.Target), Cookies?.GetCookieHeader(step.Target))))
        {
            throw new RedirectLoopException(step.Method, statusCode, target);
        }

        // Secure defaults (DESIGN §3.4): https never silently becomes http.
        if (step.IsDowngrade && !Configuration.AllowHttpsToHttpRedirects)
        {
            throw new InsecureRedirectException(statusCode, target);
        }

        // RFC 9110 §15.4.8/§15.4.9: the body must go again; one that cannot be produced again is refused rather than
        // sent empty or truncated.
        if (step.KeepBody && hop.Body is { IsReplayable: false })
        {
            throw new RedirectBodyNotReplayableException(statusCode, target);
        }
    }

    /// <summary>
    /// The jar's Cookie field for the first request of the chain, as the loop check compares it: when that response set
    /// cookies the jar has changed since, so a marker that matches no real field stands for it.
    /// </summary>
    private string? CookiesSentTo(Uri uri, Response response) =>
        Cookies is null ? null
        : response.Headers.Contains(HttpHeaderNames.SetCookie) ? "\0cookies before Set-Cookie"
        : Cookies.GetCookieHeader(uri);

    private static string WithoutFragment(Uri uri) => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
}
