using System;
using Reqivo.Protocol;

namespace Reqivo;

/// <summary>
/// The stages where cookies, authentication and content decoding plug into the pipeline. Each is a partial method:
/// with no implementing declaration the compiler removes the call, so today they cost nothing and do nothing. A
/// feature supplies the body in its own partial file (for example <c>Session.Cookies.cs</c> implementing
/// <c>partial void AddCookieHeader(...) { ... }</c>). All run synchronously and must not do I/O (the features are
/// pure: a jar, an authenticator, a decoder).
/// </summary>
public sealed partial class Session
{
    /// <summary>
    /// Stage "add cookie header": runs for every attempt (retries and redirect hops included) while the request head
    /// is built, after the request's and the session's fields were copied into <paramref name="fields"/>. The jar
    /// adds the <c>Cookie</c> field for <paramref name="uri"/> here.
    /// </summary>
    partial void AddCookieHeader(Request request, Uri uri, HttpHeaders fields);

    /// <summary>
    /// Stage "authenticate" (before sending): runs right after <c>AddCookieHeader</c>; an authenticator may add
    /// <c>Authorization</c> preemptively. <paramref name="request"/> carries the method and the body (for auth-int).
    /// </summary>
    partial void Authenticate(Request request, Uri uri, HttpHeaders fields);

    /// <summary>Stage "accept encoding": the content decoder advertises its codings (<c>Accept-Encoding</c>) unless the request set one.</summary>
    partial void AddAcceptEncoding(Request request, HttpHeaders fields);

    /// <summary>After-response sub-stage 1: the jar stores the response's <c>Set-Cookie</c> fields (every hop, redirects included).</summary>
    partial void StoreCookies(Request request, Uri uri, Response response);

    /// <summary>
    /// After-response sub-stage 2: on a 401 the authenticator reads the challenge and sets <paramref name="sendAgain"/>
    /// to a copy of the request carrying the new credentials, to be sent once more. The pipeline asks at most once per
    /// hop and only when the body is replayable.
    /// </summary>
    partial void OnAuthenticationChallenge(Request request, Uri uri, Response response, ref Request? sendAgain);

    /// <summary>After-response sub-stage 3: the decoder replaces <paramref name="response"/> with one whose body is decoded.</summary>
    partial void DecodeContent(Request request, ref Response response);

    /// <summary>
    /// Stage "after response", run on every response of a hop before the redirect rules look at it: store cookies,
    /// then the authentication challenge (which may ask for a new attempt), then content decoding.
    /// </summary>
    /// <returns>The response to go on with, and the request to send again (authentication) or null.</returns>
    private (Response Response, Request? SendAgain) AfterResponse(Request request, Uri uri, Response response, bool challengeAllowed)
    {
        StoreCookies(request, uri, response);
        Request? sendAgain = null;
        if (challengeAllowed && response.StatusCode == 401)
        {
            OnAuthenticationChallenge(request, uri, response, ref sendAgain);
        }

        if (sendAgain is not null)
        {
            return (response, sendAgain);
        }

        DecodeContent(request, ref response);
        return (response, null);
    }
}
