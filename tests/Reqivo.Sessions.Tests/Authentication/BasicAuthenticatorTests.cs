using System;
using Reqivo.Authentication;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Authentication;

public sealed class BasicAuthenticatorTests
{
    private static readonly Uri Origin = new("https://example.org");

    public static TheoryData<string> VectorIds => AuthVectors.Ids(AuthVectors.Basic);

    [VectorTheory]
    [MemberData(nameof(VectorIds))]
    public void Rfc7617_examples(string id)
    {
        var vector = AuthVectors.Case(AuthVectors.Basic, id);
        var authenticator = new BasicAuthenticator(vector.Text("user"), vector.Text("password"), Origin);
        var context = AuthTest.Context("https://example.org/");
        authenticator.Prepare(context);
        Assert.Equal("Basic " + vector.Text("expected_credentials"), AuthTest.Authorization(context));
    }

    [Fact]
    public void Rfc7617_aladdin_example_always_runs()
    {
        var context = AuthTest.Context("https://example.org/a/b?c=d");
        new BasicAuthenticator("Aladdin", "open sesame", Origin).Prepare(context);
        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", AuthTest.Authorization(context));
    }

    [Fact]
    public void A_colon_in_the_user_id_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new BasicAuthenticator("a:b", "p", Origin));
        Assert.Equal("userName", error.ParamName);
    }

    [Theory]
    [InlineData("us\u0000er", "p", "userName")]
    [InlineData("user\u007F", "p", "userName")]
    [InlineData("user", "pa\nss", "password")]
    [InlineData("user", "pass\u001F", "password")]
    public void Control_characters_are_refused(string user, string password, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => new BasicAuthenticator(user, password, Origin)).ParamName);

    [Fact]
    public void A_colon_in_the_password_is_allowed()
    {
        var context = AuthTest.Context("https://example.org/");
        new BasicAuthenticator("u", "p:w", Origin).Prepare(context);
        Assert.Equal("Basic dTpwOnc=", AuthTest.Authorization(context));
    }

    [Fact]
    public void User_and_password_are_normalised_to_nfc_before_utf8()
    {
        // "é" written as e + combining acute (NFD) is sent as the precomposed U+00E9 (RFC 7617 §2.1, PRECIS profiles).
        var context = AuthTest.Context("https://example.org/");
        new BasicAuthenticator("e\u0301", "x", Origin).Prepare(context);
        Assert.Equal("Basic " + Convert.ToBase64String("\u00e9:x"u8.ToArray()), AuthTest.Authorization(context));
    }

    [Fact]
    public void Credentials_are_never_sent_to_another_origin()
    {
        var authenticator = new BasicAuthenticator("u", "p", Origin);
        foreach (string other in new[] { "https://evil.example/", "http://example.org/", "https://example.org:8443/", "https://sub.example.org/" })
        {
            var context = AuthTest.Context(other);
            authenticator.Prepare(context);
            Assert.False(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Basic realm=x")));
            Assert.Null(AuthTest.Authorization(context));
        }
    }

    [Fact]
    public void The_scope_matches_the_default_port_and_any_path()
    {
        var context = AuthTest.Context("https://EXAMPLE.org:443/deep/path?q=1");
        new BasicAuthenticator("u", "p", Origin).Prepare(context);
        Assert.NotNull(AuthTest.Authorization(context));
    }

    [Fact]
    public void A_request_that_carried_other_credentials_is_answered_with_these()
    {
        var authenticator = new BasicAuthenticator("Aladdin", "open sesame", Origin) { Preemptive = false };
        var context = AuthTest.Context("https://example.org/");
        context.Headers.Set("Authorization", "Basic b3RoZXI6Y3JlZHM=");

        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Basic realm=\"WallyWorld\"")));
        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", AuthTest.Authorization(context));
    }

    [Fact]
    public void Not_preemptive_waits_for_a_basic_challenge_and_answers_it_once()
    {
        var authenticator = new BasicAuthenticator("Aladdin", "open sesame", Origin) { Preemptive = false };
        var context = AuthTest.Context("https://example.org/");
        authenticator.Prepare(context);
        Assert.Null(AuthTest.Authorization(context));

        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Basic realm=\"WallyWorld\"")));
        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", AuthTest.Authorization(context));

        // The new attempt carried the credentials and was refused again: they are wrong, the 401 goes to the caller.
        Assert.False(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Basic realm=\"WallyWorld\"")));
    }

    [Fact]
    public void Preemptive_credentials_refused_are_not_sent_again()
    {
        var authenticator = new BasicAuthenticator("u", "p", Origin);
        var context = AuthTest.Context("https://example.org/");
        authenticator.Prepare(context);
        Assert.False(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Basic realm=x")));
    }

    [Fact]
    public void Only_a_401_with_a_basic_challenge_is_answered()
    {
        var authenticator = new BasicAuthenticator("u", "p", Origin) { Preemptive = false };
        Assert.False(authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges("Digest realm=x, nonce=y")));
        Assert.False(authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 403, AuthTest.Challenges("Basic realm=x")));
        Assert.False(authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges()));
        Assert.False(authenticator.OnChallenge(AuthTest.Context("https://example.org/", previous: 1), 401, AuthTest.Challenges("Basic realm=x")));
        Assert.True(authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges("Digest realm=x, nonce=y", "basic realm=x")));
    }

    [Fact]
    public void An_explicit_http_origin_receives_credentials_by_default()
    {
        var context = AuthTest.Context("http://intranet.local/");
        new BasicAuthenticator("u", "p", new Uri("http://intranet.local")).Prepare(context);
        Assert.NotNull(AuthTest.Authorization(context));
    }

    [Fact]
    public void AllowUnencrypted_false_keeps_credentials_off_http()
    {
        var scope = new CredentialScope([new Uri("http://example.org"), new Uri("https://example.org")]);
        var authenticator = new BasicAuthenticator("u", "p", scope) { AllowUnencrypted = false, Preemptive = false };

        var plain = AuthTest.Context("http://example.org/");
        authenticator.Prepare(plain);
        Assert.False(authenticator.OnChallenge(plain, 401, AuthTest.Challenges("Basic realm=x")));
        Assert.Null(AuthTest.Authorization(plain));

        var secure = AuthTest.Context("https://example.org/");
        Assert.True(authenticator.OnChallenge(secure, 401, AuthTest.Challenges("Basic realm=x")));
    }

    [Fact]
    public void Properties_and_ToString_never_show_the_password()
    {
        var authenticator = new BasicAuthenticator("alice", "hunter2", Origin);
        Assert.Equal("alice", authenticator.UserName);
        Assert.Equal("Basic alice", authenticator.ToString());
        Assert.Equal(new Uri("https://example.org:443/"), Assert.Single(authenticator.Scope.Origins));
        Assert.True(authenticator.Preemptive);
        Assert.True(authenticator.AllowUnencrypted);
    }
}
