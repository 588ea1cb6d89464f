using System;
using System.Collections.Generic;
using Reqivo.Authentication;

namespace Reqivo.Conformance;

/// <summary>RFC 7617: the Basic authentication scheme, as <see cref="BasicAuthenticator"/> writes it.</summary>
internal static class Rfc7617BasicCases
{
    private static readonly Uri Origin = new("https://www.example.com");

    public static IEnumerable<ConformanceCase> All()
    {
        // §2: "the user-id and password are concatenated with a single colon ... and encoded ... into a sequence of
        // base64 characters"; the section's example is Aladdin / open sesame.
        yield return new("7617-2-credentials", "7617", "2", RequirementLevel.Must,
            "Credentials are base64(user-id \":\" password): the Aladdin example",
            () =>
            {
                var attempt = AuthCase.Attempt("https://www.example.com/");
                new BasicAuthenticator("Aladdin", "open sesame", Origin).Prepare(attempt);
                Expect.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", AuthCase.Authorization(attempt), "Authorization");
            });

        // §2: "a user-id containing a colon character is invalid".
        yield return new("7617-2-colon-in-user-id", "7617", "2", RequirementLevel.Must,
            "A user-id containing a colon is refused before any request",
            () => Expect.Throws<ArgumentException>(() => new BasicAuthenticator("a:b", "pw", Origin), "user-id with colon"));

        // §2: "The user-id and password MUST NOT contain any control characters".
        yield return new("7617-2-no-controls", "7617", "2", RequirementLevel.Must,
            "A user-id or password with a control character is refused",
            () =>
            {
                Expect.Throws<ArgumentException>(() => new BasicAuthenticator("a\u0001", "pw", Origin), "control in user-id");
                Expect.Throws<ArgumentException>(() => new BasicAuthenticator("a", "p\u007Fw", Origin), "DEL in password");
            });

        // §2.1: with charset="UTF-8" the user-id and password are encoded in UTF-8; the example is test / 123£.
        yield return new("7617-2.1-utf8", "7617", "2.1", RequirementLevel.Should,
            "User-id and password are encoded in UTF-8: the test / 123\u00a3 example",
            () =>
            {
                var attempt = AuthCase.Attempt("https://www.example.com/");
                new BasicAuthenticator("test", "123\u00a3", Origin).Prepare(attempt);
                Expect.Equal("Basic dGVzdDoxMjPCow==", AuthCase.Authorization(attempt), "Authorization");
            });

        // §2.2: a client MAY send the credentials preemptively within the protection space; RFC 9110 §11.5 bounds a
        // protection space by the origin, so other origins never receive them.
        yield return new("7617-2.2-reuse-within-origin", "7617", "2.2", RequirementLevel.May,
            "Credentials are reused for deeper paths of the origin and never sent to another origin",
            () =>
            {
                var authenticator = new BasicAuthenticator("Aladdin", "open sesame", Origin);
                var deeper = AuthCase.Attempt("https://www.example.com/docs/deeper/page?x=1");
                authenticator.Prepare(deeper);
                Expect.True(AuthCase.Authorization(deeper) is not null, "sent to a deeper path");
                foreach (string other in new[] { "http://www.example.com/", "https://www.example.com:8443/", "https://example.com/" })
                {
                    var attempt = AuthCase.Attempt(other);
                    authenticator.Prepare(attempt);
                    bool retried = authenticator.OnChallenge(attempt, 401, AuthCase.Challenges("Basic realm=\"x\""));
                    Expect.True(!retried && AuthCase.Authorization(attempt) is null, $"nothing sent to {other}");
                }
            });
    }
}
