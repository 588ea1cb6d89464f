using System;

namespace Reqivo.Redirects;

/// <summary>
/// What a redirect response asks for, decided without I/O (RFC 9110 §15.4): the status picks the method and whether
/// the content goes along, <c>Location</c> is resolved against the current URI (RFC 3986 §5) and inherits its
/// fragment (RFC 9110 §10.2.2). The session applies its own limits and security rules to the result.
/// </summary>
internal static class RedirectRules
{
    /// <summary>Whether the status is one the session follows: 301, 302, 303, 307, 308.</summary>
    public static bool IsFollowedStatus(int statusCode) => statusCode is 301 or 302 or 303 or 307 or 308;

    /// <summary>
    /// The next hop for a response, or null when it is not a redirect to follow: any status other than 301, 302,
    /// 303, 307, 308 (300 leaves the choice to the user, 304 is a cache answer, RFC 9110 §15.4.1, §15.4.5), or no
    /// usable <c>Location</c> (RFC 9110 §15.4: "the user agent MAY use the Location field value").
    /// </summary>
    /// <param name="method">The method of the request that got the response.</param>
    /// <param name="statusCode">The response's status.</param>
    /// <param name="current">The absolute URI of that request (with its fragment, if any).</param>
    /// <param name="location">The <c>Location</c> field value, or null when absent.</param>
    public static RedirectStep? Decide(string method, int statusCode, Uri current, string? location)
    {
        if (!IsFollowedStatus(statusCode) || string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        Uri? target = ResolveLocation(current, location.Trim());
        if (target is null)
        {
            return null;
        }

        (string nextMethod, bool keepBody) = NextMethod(method, statusCode);
        return new RedirectStep(
            target,
            nextMethod,
            keepBody,
            LeavesOrigin: !SameOrigin(current, target),
            IsDowngrade: current.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp,
            IsHttp: target.Scheme is "http" or "https");
    }

    /// <summary>The method of the redirected request and whether the content is sent again.</summary>
    public static (string Method, bool KeepBody) NextMethod(string method, int statusCode) => statusCode switch
    {
        // RFC 9110 §15.4.2, §15.4.3: "for historical reasons, a user agent MAY change the request method from POST to
        // GET for the subsequent request" — every widespread client does, so POST becomes GET without content.
        301 or 302 when method == HttpMethods.Post => (HttpMethods.Get, false),

        // RFC 9110 §15.4.4: 303 asks for a GET (or HEAD) of the other resource, whatever the original method was.
        303 when method == HttpMethods.Head => (HttpMethods.Head, false),
        303 => (HttpMethods.Get, false),

        // RFC 9110 §15.4.8, §15.4.9: 307 and 308 forbid changing the method; the content is sent again. 301 and 302
        // with another method keep it too (only POST has the historical exception).
        _ => (method, true),
    };

    /// <summary>
    /// <c>Location</c> resolved against the current URI (RFC 3986 §5.2), with the current fragment when it has none
    /// of its own (RFC 9110 §10.2.2), or null when it is not a URI reference.
    /// </summary>
    public static Uri? ResolveLocation(Uri current, string location)
    {
        if (!Uri.TryCreate(current, location, out Uri? target) || !target.IsAbsoluteUri)
        {
            return null;
        }

        // A Location with a fragment of its own, even an empty one ("/q#"), keeps it: Uri.Fragment is then "#".
        if (target.Fragment.Length == 0 && current.Fragment.Length > 0)
        {
            target = new Uri(target.AbsoluteUri + current.Fragment);
        }

        return target;
    }

    /// <summary>Whether two URIs have the same origin: scheme, host and port (RFC 6454 §4).</summary>
    public static bool SameOrigin(Uri left, Uri right) =>
        string.Equals(left.Scheme, right.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(left.IdnHost, right.IdnHost, StringComparison.OrdinalIgnoreCase)
        && left.Port == right.Port;
}

/// <summary>The next request of a redirect chain.</summary>
/// <param name="Target">The absolute URI to request.</param>
/// <param name="Method">The method to use.</param>
/// <param name="KeepBody">Whether the original content is sent again.</param>
/// <param name="LeavesOrigin">Whether the target has another scheme, host or port than the current URI.</param>
/// <param name="IsDowngrade">Whether the redirect goes from https to http.</param>
/// <param name="IsHttp">Whether the target is an http or https URI at all.</param>
internal sealed record RedirectStep(Uri Target, string Method, bool KeepBody, bool LeavesOrigin, bool IsDowngrade, bool IsHttp);
