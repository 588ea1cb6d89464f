using System;
using Reqivo.Authentication;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>Builds contexts and responses for authenticator tests.</summary>
internal static class AuthTest
{
    public static AuthenticationContext Context(string uri, string method = "GET", byte[]? body = null, bool streamed = false, int previous = 0) =>
        streamed
            ? new(method, new Uri(uri), new HttpHeaders()) { PreviousChallenges = previous }
            : new(method, new Uri(uri), new HttpHeaders(), body ?? []) { PreviousChallenges = previous };

    public static HttpHeaders Challenges(params string[] wwwAuthenticate)
    {
        var headers = new HttpHeaders();
        foreach (string value in wwwAuthenticate)
        {
            headers.Add("WWW-Authenticate", value);
        }

        return headers;
    }

    public static string? Authorization(AuthenticationContext context) =>
        context.Headers.TryGetValue("Authorization", out string? value) ? value : null;

    /// <summary>The parameters of a Digest credentials value, read with the challenge parser (same auth-param syntax).</summary>
    public static AuthenticationChallenge ParseCredentials(string authorization) =>
        Assert.Single(AuthenticationChallenge.Parse(authorization));
}
