using System;
using Reqivo.Authentication;
using Reqivo.Protocol;

namespace Reqivo.Conformance;

/// <summary>Helpers for the authentication cases: an attempt, a 401's challenges, the credentials sent.</summary>
internal static class AuthCase
{
    public static AuthenticationContext Attempt(string uri, string method = "GET", byte[]? body = null, int previous = 0) =>
        new(method, new Uri(uri), new HttpHeaders(), body ?? []) { PreviousChallenges = previous };

    public static HttpHeaders Challenges(params string[] wwwAuthenticate)
    {
        var headers = new HttpHeaders();
        foreach (string value in wwwAuthenticate)
        {
            headers.Add("WWW-Authenticate", value);
        }

        return headers;
    }

    public static string? Authorization(AuthenticationContext attempt) =>
        attempt.Headers.TryGetValue("Authorization", out string? value) ? value : null;

    /// <summary>The parameters of the Digest credentials an attempt carries (credentials share the challenge syntax).</summary>
    public static AuthenticationChallenge DigestCredentials(AuthenticationContext attempt)
    {
        string? value = Authorization(attempt);
        Expect.True(value is not null, "an Authorization field was set");
        var parsed = AuthenticationChallenge.Parse(value!);
        Expect.Equal(1, parsed.Count, "one set of credentials");
        Expect.True(parsed[0].IsScheme("Digest"), "Digest credentials");
        return parsed[0];
    }

    public static string Parameter(AuthenticationChallenge credentials, string name)
    {
        Expect.True(credentials.Parameters.TryGetValue(name, out string? value), $"parameter {name} present");
        return value!;
    }
}
