using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

public sealed class DigestAuthenticatorTests
{
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private const string Sha256Challenge =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"" + Nonce + "\", opaque=\"op\"";

    private static readonly Uri Origin = new("https://example.org");

    [Fact]
    public void The_first_request_goes_without_credentials()
    {
        var context = AuthTest.Context("https://example.org/dir/index.html");
        NewAuthenticator().Prepare(context);
        Assert.Null(AuthTest.Authorization(context));
    }

    [Fact]
    public void Later_requests_reuse_the_nonce_preemptively_with_an_incremented_count()
    {
        var authenticator = NewAuthenticator();
        Assert.True(authenticator.OnChallenge(AuthTest.Context("https://example.org/dir/index.html"), 401, AuthTest.Challenges(Sha256Challenge)));

        var second = AuthTest.Context("https://example.org/dir/index.html");
        authenticator.Prepare(second);
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(second)!);
        Assert.Equal("00000002", credentials.Parameters["nc"]);
        Assert.Equal(Nonce, credentials.Parameters["nonce"]);

        // Computed with Python hashlib for nc=00000002 and the RFC 7616 §3.9.1 inputs.
        Assert.Equal("8c8db27f49ff1c202f9fb49fa9d2e9eabf078dcc93db40dfd6527010091d1c8e", credentials.Parameters["response"]);

        var third = AuthTest.Context("https://example.org/other?x=1");
        authenticator.Prepare(third);
        var thirdCredentials = AuthTest.ParseCredentials(AuthTest.Authorization(third)!);
        Assert.Equal("00000003", thirdCredentials.Parameters["nc"]);
        Assert.Equal("/other?x=1", thirdCredentials.Parameters["uri"]);
        Assert.Equal(3, authenticator.PeekNonceCount(Origin));
    }

    [Fact]
    public void A_new_nonce_restarts_the_count()
    {
        var authenticator = NewAuthenticator();
        authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges(Sha256Challenge));
        authenticator.Prepare(AuthTest.Context("https://example.org/"));
        Assert.Equal(2, authenticator.PeekNonceCount(Origin));

        var context = AuthTest.Context("https://example.org/");
        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges(Sha256Challenge.Replace(Nonce, "fresh", StringComparison.Ordinal))));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.Equal("fresh", credentials.Parameters["nonce"]);
        Assert.Equal("00000001", credentials.Parameters["nc"]);
    }

    [Fact]
    public void The_same_nonce_challenged_again_keeps_counting()
    {
        var authenticator = NewAuthenticator();
        authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges(Sha256Challenge));
        var context = AuthTest.Context("https://example.org/");
        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges(Sha256Challenge)));
        Assert.Equal("00000002", AuthTest.ParseCredentials(AuthTest.Authorization(context)!).Parameters["nc"]);
    }

    [Fact]
    public void Default_cnonces_are_random_128_bit_hex_and_differ_per_request()
    {
        var authenticator = new DigestAuthenticator("Mufasa", "Circle of Life", Origin);
        var first = AuthTest.Context("https://example.org/");
        authenticator.OnChallenge(first, 401, AuthTest.Challenges(Sha256Challenge));
        var second = AuthTest.Context("https://example.org/");
        authenticator.Prepare(second);
        string a = AuthTest.ParseCredentials(AuthTest.Authorization(first)!).Parameters["cnonce"];
        string b = AuthTest.ParseCredentials(AuthTest.Authorization(second)!).Parameters["cnonce"];
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.Matches("^[0-9a-f]{32}$", b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Stale_true_after_an_answered_challenge_is_answered_once_more()
    {
        var authenticator = NewAuthenticator();
        authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges(Sha256Challenge));

        var retry = AuthTest.Context("https://example.org/", previous: 1);
        string stale = Sha256Challenge.Replace(Nonce, "renewed", StringComparison.Ordinal) + ", stale=true";
        Assert.True(authenticator.OnChallenge(retry, 401, AuthTest.Challenges(stale)));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(retry)!);
        Assert.Equal("renewed", credentials.Parameters["nonce"]);
        Assert.Equal("00000001", credentials.Parameters["nc"]);

        Assert.False(authenticator.OnChallenge(AuthTest.Context("https://example.org/", previous: 2), 401, AuthTest.Challenges(stale)));
    }

    [Fact]
    public void A_second_challenge_without_stale_means_the_credentials_were_refused()
    {
        var authenticator = NewAuthenticator();
        Assert.True(authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges(Sha256Challenge)));
        var again = AuthTest.Context("https://example.org/", previous: 1);
        Assert.False(authenticator.OnChallenge(again, 401, AuthTest.Challenges(Sha256Challenge)));
        Assert.Null(AuthTest.Authorization(again));
    }

    [Theory]
    [InlineData(new[] { "Digest realm=r, nonce=n, algorithm=MD5", "Digest realm=r, nonce=n, algorithm=SHA-256", "Digest realm=r, nonce=n, algorithm=SHA-512-256" }, "SHA-512-256")]
    [InlineData(new[] { "Digest realm=r, nonce=n, algorithm=SHA-512-256-sess, Digest realm=r, nonce=n, algorithm=MD5" }, "SHA-512-256-sess")]
    [InlineData(new[] { "Digest realm=r, nonce=n, algorithm=SHA-256, Digest realm=r, nonce=n, algorithm=sha-256-sess" }, "SHA-256")]
    [InlineData(new[] { "Digest realm=r, nonce=n, algorithm=SHA3-999", "Digest realm=r, nonce=n" }, "MD5")]
    [InlineData(new[] { "Basic realm=r", "Digest realm=r, nonce=n, algorithm=MD5-sess" }, "MD5-sess")]
    public void The_strongest_offered_algorithm_is_chosen(string[] fields, string expected)
    {
        var context = AuthTest.Context("https://example.org/");
        Assert.True(NewAuthenticator().OnChallenge(context, 401, AuthTest.Challenges(fields)));
        Assert.Equal(expected, AuthTest.ParseCredentials(AuthTest.Authorization(context)!).Parameters["algorithm"]);
    }

    [Fact]
    public void Md5_sess_hashes_a1_with_nonce_and_cnonce()
    {
        var context = AuthTest.Context("https://example.org/dir/index.html");
        NewAuthenticator().OnChallenge(context, 401, AuthTest.Challenges(
            "Digest realm=\"http-auth@example.org\", qop=auth, algorithm=MD5-sess, nonce=\"" + Nonce + "\""));

        // Computed with Python hashlib: MD5(MD5(MD5(user:realm:pw):nonce:cnonce):nonce:nc:cnonce:auth:MD5(GET:/dir/index.html)).
        Assert.Equal("e783283f46242139c486a698fec7211d", AuthTest.ParseCredentials(AuthTest.Authorization(context)!).Parameters["response"]);
    }

    [Fact]
    public void Auth_int_hashes_the_body_when_it_is_the_only_qop()
    {
        var context = AuthTest.Context("https://example.org/dir/index.html", "POST", "{\"a\":1}"u8.ToArray());
        Assert.True(NewAuthenticator().OnChallenge(context, 401, AuthTest.Challenges(
            "Digest realm=\"http-auth@example.org\", qop=\"auth-int\", algorithm=SHA-256, nonce=\"" + Nonce + "\"")));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.Equal("auth-int", credentials.Parameters["qop"]);

        // Computed with Python hashlib: A2 = POST:/dir/index.html:SHA-256(body).
        Assert.Equal("193d6834c8f5b21e6b707fdd7de62ad0b3514493466cf33958098aa6d3836274", credentials.Parameters["response"]);
    }

    [Fact]
    public void Auth_int_is_preferred_only_on_request_and_with_the_body_in_memory()
    {
        var preferring = NewAuthenticator(preferAuthInt: true);
        var inMemory = AuthTest.Context("https://example.org/dir/index.html", "POST", "{\"a\":1}"u8.ToArray());
        preferring.OnChallenge(inMemory, 401, AuthTest.Challenges(Sha256Challenge));
        Assert.Equal("auth-int", AuthTest.ParseCredentials(AuthTest.Authorization(inMemory)!).Parameters["qop"]);

        var streamed = AuthTest.Context("https://example.org/", "POST", streamed: true);
        NewAuthenticator(preferAuthInt: true).OnChallenge(streamed, 401, AuthTest.Challenges(Sha256Challenge));
        Assert.Equal("auth", AuthTest.ParseCredentials(AuthTest.Authorization(streamed)!).Parameters["qop"]);

        var byDefault = AuthTest.Context("https://example.org/", "POST", "x"u8.ToArray());
        NewAuthenticator().OnChallenge(byDefault, 401, AuthTest.Challenges(Sha256Challenge));
        Assert.Equal("auth", AuthTest.ParseCredentials(AuthTest.Authorization(byDefault)!).Parameters["qop"]);
    }

    [Fact]
    public void Auth_int_only_with_a_streamed_body_raises_a_clear_exception()
    {
        var context = AuthTest.Context("https://example.org/upload?token=s3cr3t", "PUT", streamed: true);
        var error = Assert.Throws<AuthenticationException>(() => NewAuthenticator().OnChallenge(
            context, 401, AuthTest.Challenges("Digest realm=r, nonce=n, qop=\"auth-int\"")));
        Assert.IsAssignableFrom<ReqivoException>(error);
        Assert.Equal("PUT", error.RequestMethod);
        Assert.DoesNotContain("s3cr3t", error.RequestUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_auth_int_only_nonce_is_not_used_preemptively_for_a_streamed_body()
    {
        var authenticator = NewAuthenticator();
        authenticator.OnChallenge(AuthTest.Context("https://example.org/", "PUT", "a"u8.ToArray()), 401, AuthTest.Challenges("Digest realm=r, nonce=n, qop=auth-int"));
        var streamed = AuthTest.Context("https://example.org/", "PUT", streamed: true);
        authenticator.Prepare(streamed);
        Assert.Null(AuthTest.Authorization(streamed));
    }

    [Fact]
    public void A_challenge_without_qop_gets_the_rfc2069_response()
    {
        var context = AuthTest.Context("https://example.org/dir/index.html");
        NewAuthenticator().OnChallenge(context, 401, AuthTest.Challenges(
            "Digest realm=\"http-auth@example.org\", algorithm=SHA-256, nonce=\"" + Nonce + "\""));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.False(credentials.Parameters.ContainsKey("nc"));
        Assert.False(credentials.Parameters.ContainsKey("cnonce"));
        Assert.False(credentials.Parameters.ContainsKey("qop"));

        // Computed with Python hashlib: SHA-256(HA1:nonce:HA2).
        Assert.Equal("a1306b0595a6c7fe96c448631fb5cfbd5107bd1fe1da729d978dd7446b812363", credentials.Parameters["response"]);
    }

    [Fact]
    public void A_non_ascii_user_name_without_userhash_goes_in_username_star()
    {
        var context = AuthTest.Context("https://example.org/");
        new DigestAuthenticator("J\u00e4s\u00f8n Doe", "pw", Origin).OnChallenge(context, 401, AuthTest.Challenges("Digest realm=r, nonce=n, qop=auth"));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.Equal("UTF-8''J%C3%A4s%C3%B8n%20Doe", credentials.Parameters["username*"]);
        Assert.False(credentials.Parameters.ContainsKey("username"));
    }

    [Fact]
    public void Quotes_in_realm_and_user_name_are_escaped()
    {
        var context = AuthTest.Context("https://example.org/");
        new DigestAuthenticator("a\"b\\c", "pw", Origin).OnChallenge(context, 401, AuthTest.Challenges("Digest realm=\"x\\\"y\", nonce=n, qop=auth"));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.Equal("a\"b\\c", credentials.Parameters["username"]);
        Assert.Equal("x\"y", credentials.Parameters["realm"]);
    }

    [Theory]
    [InlineData(401, "Digest nonce=n, qop=auth")]
    [InlineData(401, "Digest realm=r, qop=auth")]
    [InlineData(401, "Digest realm=r, nonce=n, qop=\"auth-conf\"")]
    [InlineData(401, "Digest realm=r, nonce=n, algorithm=SHA-1")]
    [InlineData(401, "Basic realm=r")]
    [InlineData(403, "Digest realm=r, nonce=n")]
    public void Unanswerable_responses_are_left_to_the_caller(int status, string challenge)
    {
        var context = AuthTest.Context("https://example.org/");
        Assert.False(NewAuthenticator().OnChallenge(context, status, AuthTest.Challenges(challenge)));
        Assert.Null(AuthTest.Authorization(context));
    }

    [Fact]
    public void Credentials_never_go_to_another_origin()
    {
        var authenticator = NewAuthenticator();
        authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges(Sha256Challenge));
        foreach (string other in new[] { "http://example.org/", "https://example.org:444/", "https://evil.example/" })
        {
            var context = AuthTest.Context(other);
            authenticator.Prepare(context);
            Assert.False(authenticator.OnChallenge(context, 401, AuthTest.Challenges(Sha256Challenge)));
            Assert.Null(AuthTest.Authorization(context));
        }
    }

    [Fact]
    public void A_nonce_learned_for_one_origin_of_the_scope_is_not_used_for_another()
    {
        var scope = new CredentialScope([new Uri("https://a.example"), new Uri("https://b.example")]);
        var authenticator = new DigestAuthenticator("u", "p", scope);
        authenticator.OnChallenge(AuthTest.Context("https://a.example/"), 401, AuthTest.Challenges(Sha256Challenge));
        var other = AuthTest.Context("https://b.example/");
        authenticator.Prepare(other);
        Assert.Null(AuthTest.Authorization(other));
        Assert.True(authenticator.OnChallenge(other, 401, AuthTest.Challenges(Sha256Challenge)));
    }

    [Fact]
    public void Concurrent_requests_get_distinct_nonce_counts()
    {
        var authenticator = NewAuthenticator();
        authenticator.OnChallenge(AuthTest.Context("https://example.org/"), 401, AuthTest.Challenges(Sha256Challenge));
        var counts = new ConcurrentBag<string>();
        Parallel.For(0, 500, _ =>
        {
            var context = AuthTest.Context("https://example.org/");
            authenticator.Prepare(context);
            counts.Add(AuthTest.ParseCredentials(AuthTest.Authorization(context)!).Parameters["nc"]);
        });

        Assert.Equal(500, counts.Distinct().Count());
        Assert.Equal("000001f5", counts.Max());
        Assert.Equal("00000002", counts.Min());
    }

    [Theory]
    [InlineData("us\u0000er", "p", "userName")]
    [InlineData("user", "p\r\n", "password")]
    public void Control_characters_are_refused(string user, string password, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => new DigestAuthenticator(user, password, Origin)).ParamName);

    [Fact]
    public void ToString_shows_the_user_never_the_password()
    {
        var authenticator = new DigestAuthenticator("alice", "hunter2", Origin);
        Assert.Equal("Digest alice", authenticator.ToString());
        Assert.Equal("alice", authenticator.UserName);
        Assert.False(authenticator.PreferAuthInt);
    }

    private static DigestAuthenticator NewAuthenticator(bool preferAuthInt = false) =>
        new("Mufasa", "Circle of Life", Origin) { CnonceSource = () => Cnonce, PreferAuthInt = preferAuthInt };
}
