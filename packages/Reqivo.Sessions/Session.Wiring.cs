using System;
using Reqivo.Authentication;
using Reqivo.Content;
using Reqivo.Cookies;
using Reqivo.Protocol;

namespace Reqivo;

/// <summary>
/// The session's features plugged into the pipeline's stages (see Session.Features.cs): the cookie jar, the
/// authenticator and content decoding.
/// </summary>
public sealed partial class Session
{
    /// <summary>The session's cookie jar, or null when <see cref="SessionOptions.UseCookies"/> is false.</summary>
    public CookieJar? Cookies { get; private set; }

    private void InitializeFeatures(SessionOptions options)
    {
        if (options.UseCookies)
        {
            Cookies = options.CookieJar ?? new CookieJar(new CookieJarOptions { TimeProvider = options.TimeProvider });
        }
    }

    partial void AddCookieHeader(Request request, Uri uri, HttpHeaders fields)
    {
        // A Cookie field the caller set explicitly wins: the jar adds nothing to it (and the redirect stage drops
        // it when the chain leaves the origin).
        if (Cookies is null || fields.Contains(HttpHeaderNames.Cookie))
        {
            return;
        }

        if (Cookies.GetCookieHeader(uri) is { } cookies)
        {
            fields.Add(HttpHeaderNames.Cookie, cookies);
        }
    }

    partial void Authenticate(Request request, Uri uri, HttpHeaders fields)
    {
        if (Configuration.Authenticator is not { } authenticator)
        {
            return;
        }

        // Credentials an authenticator gave in answer to a challenge are replayed on the new attempt; Prepare may
        // then replace them (Digest counts its nonce uses there).
        if (request.ChallengeAuthorization is { } answered)
        {
            fields.Set(HttpHeaderNames.Authorization, answered);
        }

        authenticator.Prepare(CreateContext(request, uri, fields));
    }

    partial void AddAcceptEncoding(Request request, HttpHeaders fields)
    {
        if (Configuration.AutomaticDecompression && !fields.Contains(HttpHeaderNames.AcceptEncoding))
        {
            fields.Add(HttpHeaderNames.AcceptEncoding, ContentDecoding.AcceptEncoding);
        }
    }

    partial void StoreCookies(Request request, Uri uri, Response response) =>
        Cookies?.StoreFromResponse(uri, response.Headers);

    partial void OnAuthenticationChallenge(Request request, Uri uri, Response response, ref Request? sendAgain)
    {
        if (Configuration.Authenticator is not { } authenticator)
        {
            return;
        }

        // The challenge is answered into a scratch copy of what was sent; the new attempt rebuilds its head and
        // takes the Authorization value from here.
        var sent = new HttpHeaders();
        if (request.ChallengeAuthorization is { } previous)
        {
            sent.Set(HttpHeaderNames.Authorization, previous);
        }

        AuthenticationContext context = CreateContext(request, uri, sent, request.AnsweredChallenges);
        if (authenticator.OnChallenge(context, response.StatusCode, response.Headers)
            && sent.TryGetValue(HttpHeaderNames.Authorization, out string? authorization) && authorization is not null)
        {
            sendAgain = request.ForChallengeAnswer(authorization, request.AnsweredChallenges + 1);
        }
    }

    partial void DecodeContent(Request request, ref Response response)
    {
        if (!Configuration.AutomaticDecompression
            || response.Headers.GetCombinedValue(HttpHeaderNames.ContentEncoding) is not { } coding
            || !ContentDecoding.CanDecode(coding))
        {
            return;
        }


        DecompressionLimits limits = Configuration.DecompressionLimits;
        if (response.StreamedContent is { } content)
        {
            response = response.WithContent(new DecodedResponseContent(content, coding, limits));
        }
        else if (response.BufferedBody is { } body)
        {
            response = response.WithBody(ContentDecoding.Decode(coding, body, limits));
        }
        else
        {
            return;
        }

        // As decoded, the body no longer has the coding or the length the server announced.
        response.Headers.Remove(HttpHeaderNames.ContentEncoding);
        response.Headers.Remove(HttpHeaderNames.ContentLength);
    }

    private static AuthenticationContext CreateContext(Request request, Uri uri, HttpHeaders fields, int answered = 0)
    {
        RequestBody? body = request.Body;
        // The body is given when it is in memory (Digest auth-int hashes it); a request without one has an empty body.
        ReadOnlyMemory<byte> bytes = default;
        return body is null || body.TryGetMemory(out bytes)
            ? new AuthenticationContext(request.Method, uri, fields, bytes) { PreviousChallenges = answered }
            : new AuthenticationContext(request.Method, uri, fields) { PreviousChallenges = answered };
    }
}
