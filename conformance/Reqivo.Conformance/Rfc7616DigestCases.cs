using System;
using System.Collections.Generic;
using Reqivo.Authentication;

namespace Reqivo.Conformance;

/// <summary>RFC 7616: HTTP Digest access authentication, as <see cref="DigestAuthenticator"/> answers challenges.</summary>
internal static class Rfc7616DigestCases
{
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static readonly Uri Origin = new("http://www.example.org");

    public static IEnumerable<ConformanceCase> All()
    {
        // §3.9.1: the worked example with SHA-256 and with MD5 (password "Circle of Life", erratum 4495).
        yield return new("7616-3.9.1-sha256", "7616", "3.9.1", RequirementLevel.Must,
            "The SHA-256 worked example gives the published response",
            () => ExpectResponse("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"));

        yield return new("7616-3.9.1-md5", "7616", "3.9.1", RequirementLevel.Must,
            "The MD5 worked example gives the published response",
            () => ExpectResponse("MD5", "8ca523f5e9506fed4657c9700eebdbec"));

        // §3.9.2 with real SHA-512/256 (FIPS 180-4 §6.7; the RFC's printed values use truncated SHA-512, erratum 4897).
        yield return new("7616-3.9.2-sha512-256-userhash", "7616", "3.9.2", RequirementLevel.Must,
            "The SHA-512-256 userhash example gives the FIPS SHA-512/256 userhash and response",
            () =>
            {
                var authenticator = new DigestAuthenticator("J\u00e4s\u00f8n Doe", "Secret, or not?", new Uri("https://api.example.org"))
                {
                    CnonceSource = () => "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
                };
                var attempt = AuthCase.Attempt("https://api.example.org/doe.json");
                Expect.True(authenticator.OnChallenge(attempt, 401, AuthCase.Challenges(
                    "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true")),
                    "challenge answered");
                var credentials = AuthCase.DigestCredentials(attempt);
                Expect.Equal("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", AuthCase.Parameter(credentials, "username"), "userhash");
                Expect.Equal("true", AuthCase.Parameter(credentials, "userhash"), "userhash flag");
                Expect.Equal("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", AuthCase.Parameter(credentials, "response"), "response");
            });

        // §3.4: "nc: ... the hexadecimal count of the number of requests (including the current request) that the client
        // has sent with the nonce value in this request", 8 hex digits.
        yield return new("7616-3.4-nonce-count", "7616", "3.4", RequirementLevel.Must,
            "The nonce count starts at 00000001 and increments for each request reusing the nonce",
            () =>
            {
                var authenticator = NewAuthenticator();
                var first = AuthCase.Attempt("http://www.example.org/dir/index.html");
                authenticator.OnChallenge(first, 401, AuthCase.Challenges(Challenge("SHA-256")));
                Expect.Equal("00000001", AuthCase.Parameter(AuthCase.DigestCredentials(first), "nc"), "first nc");
                for (int n = 2; n <= 3; n++)
                {
                    var next = AuthCase.Attempt("http://www.example.org/dir/index.html");
                    authenticator.Prepare(next);
                    Expect.Equal($"0000000{n}", AuthCase.Parameter(AuthCase.DigestCredentials(next), "nc"), $"nc of request {n}");
                }
            });

        // §3.4: "cnonce: This parameter MUST be used by all implementations" (with qop), and it should differ per request.
        yield return new("7616-3.4-cnonce", "7616", "3.4", RequirementLevel.Must,
            "Every response with qop carries a cnonce, fresh for each request",
            () =>
            {
                var authenticator = new DigestAuthenticator("Mufasa", "Circle of Life", Origin);
                var first = AuthCase.Attempt("http://www.example.org/");
                authenticator.OnChallenge(first, 401, AuthCase.Challenges(Challenge("SHA-256")));
                var second = AuthCase.Attempt("http://www.example.org/");
                authenticator.Prepare(second);
                string a = AuthCase.Parameter(AuthCase.DigestCredentials(first), "cnonce");
                string b = AuthCase.Parameter(AuthCase.DigestCredentials(second), "cnonce");
                Expect.True(a.Length >= 16 && a != b, "distinct cnonces");
            });

        // §3.3: "algorithm: ... If the parameter is not present, it is assumed to be "MD5"."
        yield return new("7616-3.3-default-md5", "7616", "3.3", RequirementLevel.Must,
            "A challenge without algorithm is answered with MD5",
            () =>
            {
                var attempt = AuthCase.Attempt("http://www.example.org/dir/index.html");
                NewAuthenticator().OnChallenge(attempt, 401, AuthCase.Challenges(
                    $"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", nonce=\"{Nonce}\", opaque=\"{Opaque}\""));
                var credentials = AuthCase.DigestCredentials(attempt);
                Expect.Equal("8ca523f5e9506fed4657c9700eebdbec", AuthCase.Parameter(credentials, "response"), "MD5 response");
            });

        // §3.4.3: for qop=auth-int, A2 = Method ":" request-uri ":" H(entity-body).
        yield return new("7616-3.4.3-auth-int", "7616", "3.4.3", RequirementLevel.Must,
            "qop=auth-int hashes the request content into A2",
            () =>
            {
                var attempt = AuthCase.Attempt("http://www.example.org/dir/index.html", "POST", "{\"a\":1}"u8.ToArray());
                NewAuthenticator().OnChallenge(attempt, 401, AuthCase.Challenges(
                    $"Digest realm=\"http-auth@example.org\", qop=\"auth-int\", algorithm=SHA-256, nonce=\"{Nonce}\""));
                var credentials = AuthCase.DigestCredentials(attempt);
                Expect.Equal("auth-int", AuthCase.Parameter(credentials, "qop"), "qop");

                // Recomputed with Python hashlib from the §3.9.1 inputs, method POST and content {"a":1}.
                Expect.Equal("193d6834c8f5b21e6b707fdd7de62ad0b3514493466cf33958098aa6d3836274", AuthCase.Parameter(credentials, "response"), "response");
            });

        // §3.3: stale: "the client may wish to simply retry the request with a new encrypted response, without
        // reprompting the user for a new username and password".
        yield return new("7616-3.3-stale", "7616", "3.3", RequirementLevel.May,
            "A stale=true challenge after an answered one is retried once with the new nonce; without stale it is not",
            () =>
            {
                var authenticator = NewAuthenticator();
                authenticator.OnChallenge(AuthCase.Attempt("http://www.example.org/"), 401, AuthCase.Challenges(Challenge("SHA-256")));
                var refused = AuthCase.Attempt("http://www.example.org/", previous: 1);
                Expect.True(!authenticator.OnChallenge(refused, 401, AuthCase.Challenges(Challenge("SHA-256"))), "not retried without stale");
                var stale = AuthCase.Attempt("http://www.example.org/", previous: 1);
                string renewed = Challenge("SHA-256").Replace(Nonce, "renewed", StringComparison.Ordinal) + ", stale=true";
                Expect.True(authenticator.OnChallenge(stale, 401, AuthCase.Challenges(renewed)), "retried on stale");
                Expect.Equal("renewed", AuthCase.Parameter(AuthCase.DigestCredentials(stale), "nonce"), "new nonce used");
            });

        // §3.7: with several challenges the client uses the first it supports "unless a local policy dictates
        // otherwise"; the local policy here is the strongest hash function.
        yield return new("7616-3.7-choice", "7616", "3.7", RequirementLevel.Should,
            "Of several Digest challenges (one or several fields) the strongest supported algorithm is answered",
            () =>
            {
                var attempt = AuthCase.Attempt("http://www.example.org/");
                NewAuthenticator().OnChallenge(attempt, 401, AuthCase.Challenges(
                    Challenge("MD5") + ", " + Challenge("SHA-999"), Challenge("SHA-512-256"), Challenge("SHA-256")));
                Expect.Equal("SHA-512-256", AuthCase.Parameter(AuthCase.DigestCredentials(attempt), "algorithm"), "algorithm");
            });

        // §3.4: username*: for a name a quoted-string cannot carry, in the RFC 8187 encoding; never with username.
        yield return new("7616-3.4-username-star", "7616", "3.4", RequirementLevel.Should,
            "A non-ASCII user name without userhash is sent as username* (RFC 8187), not as username",
            () =>
            {
                var attempt = AuthCase.Attempt("http://www.example.org/");
                new DigestAuthenticator("J\u00e4s\u00f8n Doe", "pw", Origin).OnChallenge(attempt, 401, AuthCase.Challenges(Challenge("SHA-256")));
                var credentials = AuthCase.DigestCredentials(attempt);
                Expect.Equal("UTF-8''J%C3%A4s%C3%B8n%20Doe", AuthCase.Parameter(credentials, "username*"), "username*");
                Expect.True(!credentials.Parameters.ContainsKey("username"), "no username");
            });
    }

    private static DigestAuthenticator NewAuthenticator() =>
        new("Mufasa", "Circle of Life", Origin) { CnonceSource = () => Cnonce };

    private static string Challenge(string algorithm) =>
        $"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={algorithm}, nonce=\"{Nonce}\", opaque=\"{Opaque}\"";

    private static void ExpectResponse(string algorithm, string expected)
    {
        var attempt = AuthCase.Attempt("http://www.example.org/dir/index.html");
        Expect.True(NewAuthenticator().OnChallenge(attempt, 401, AuthCase.Challenges(Challenge(algorithm))), "challenge answered");
        var credentials = AuthCase.DigestCredentials(attempt);
        Expect.Equal(expected, AuthCase.Parameter(credentials, "response"), "response");
        Expect.Equal("/dir/index.html", AuthCase.Parameter(credentials, "uri"), "uri");
        Expect.Equal(Opaque, AuthCase.Parameter(credentials, "opaque"), "opaque echoed");
        Expect.Equal("auth", AuthCase.Parameter(credentials, "qop"), "qop");
    }
}
