using System;
using System.Collections.Generic;
using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

public sealed class ChallengeParserTests
{
    [Fact]
    public void Reads_a_scheme_with_parameters_token_and_quoted()
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic realm=\"simple\", charset=UTF-8"));
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Null(challenge.Token68);
        Assert.Equal("simple", challenge.Parameters["realm"]);
        Assert.Equal("UTF-8", challenge.Parameters["CHARSET"]);
    }

    [Fact]
    public void Reads_several_challenges_in_one_field_value()
    {
        // RFC 9110 §11.6.1's example.
        var challenges = AuthenticationChallenge.Parse("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"");
        Assert.Equal(2, challenges.Count);
        Assert.True(challenges[0].IsScheme("basic"));
        Assert.Single(challenges[0].Parameters);
        Assert.Equal("Newauth", challenges[1].Scheme);
        Assert.Equal("apps", challenges[1].Parameters["realm"]);
        Assert.Equal("1", challenges[1].Parameters["type"]);
        Assert.Equal("Login to \"apps\"", challenges[1].Parameters["title"]);
    }

    [Fact]
    public void Reads_challenges_from_several_field_lines_in_order()
    {
        var challenges = AuthenticationChallenge.FromHeaders(AuthTest.Challenges("Digest realm=\"a\", nonce=\"n\"", "Basic realm=\"b\""));
        Assert.Equal(["Digest", "Basic"], [challenges[0].Scheme, challenges[1].Scheme]);
    }

    [Theory]
    [InlineData("Bearer abc.def-ghi_~+/==", "abc.def-ghi_~+/==")]
    [InlineData("Negotiate YIIB", "YIIB")]
    [InlineData("Foo abc=  ", "abc=")]
    public void Reads_a_token68(string value, string expected)
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse(value));
        Assert.Equal(expected, challenge.Token68);
        Assert.Empty(challenge.Parameters);
    }

    [Fact]
    public void A_token68_challenge_may_be_followed_by_another_challenge()
    {
        var challenges = AuthenticationChallenge.Parse("Negotiate abc==, Basic realm=x");
        Assert.Equal(2, challenges.Count);
        Assert.Equal("abc==", challenges[0].Token68);
        Assert.Equal("x", challenges[1].Parameters["realm"]);
    }

    [Fact]
    public void A_bare_scheme_has_no_parameters()
    {
        var challenges = AuthenticationChallenge.Parse("Negotiate, NTLM");
        Assert.Equal(2, challenges.Count);
        Assert.All(challenges, c => Assert.Empty(c.Parameters));
        Assert.All(challenges, c => Assert.Null(c.Token68));
    }

    [Fact]
    public void Accepts_empty_list_elements_and_whitespace_around_the_equals_sign()
    {
        var challenges = AuthenticationChallenge.Parse(" , ,Digest realm = \"r\" ,, nonce\t=\tabc , ,Basic realm=b,");
        Assert.Equal(2, challenges.Count);
        Assert.Equal("r", challenges[0].Parameters["realm"]);
        Assert.Equal("abc", challenges[0].Parameters["nonce"]);
        Assert.Equal("b", challenges[1].Parameters["realm"]);
    }

    [Fact]
    public void Unescapes_quoted_pairs_and_keeps_commas_inside_quotes()
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Digest realm=\"a\\\\b\\\"c, d=e\", qop=\"auth, auth-int\""));
        Assert.Equal("a\\b\"c, d=e", challenge.Parameters["realm"]);
        Assert.Equal("auth, auth-int", challenge.Parameters["qop"]);
    }

    [Fact]
    public void Drops_a_challenge_that_repeats_a_parameter_and_keeps_the_next()
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Digest realm=a, REALM=b, Basic realm=c"));
        Assert.Equal("Basic", challenge.Scheme);
    }

    [Theory]
    [InlineData("Basic realm=\"unterminated")]
    [InlineData("Basic realm=\"bad\\")]
    [InlineData("Basic realm=")]
    [InlineData("Basic realm=\"a\" junk")]
    [InlineData("Basic realm=a b")]
    [InlineData("\"quoted\" realm=a")]
    [InlineData("Basic realm=\"ctl\u0001\"")]
    public void A_syntax_error_yields_no_challenge(string value)
    {
        IReadOnlyList<AuthenticationChallenge> challenges = AuthenticationChallenge.Parse(value);
        Assert.DoesNotContain(challenges, c => c.Parameters.ContainsKey("realm"));
    }

    [Fact]
    public void A_syntax_error_keeps_the_challenges_before_it()
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic realm=ok, Digest realm=\"broken"));
        Assert.Equal("ok", challenge.Parameters["realm"]);
    }

    [Fact]
    public void A_scheme_glued_to_its_parameters_is_refused()
    {
        Assert.Empty(AuthenticationChallenge.Parse("Basic\"realm\""));
        Assert.Empty(AuthenticationChallenge.Parse(string.Empty));
    }

    [Fact]
    public void Obs_text_is_accepted_in_quoted_strings()
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic realm=\"caf\u00e9\""));
        Assert.Equal("caf\u00e9", challenge.Parameters["realm"]);
    }

    [Fact]
    public void ToString_stands_a_placeholder_for_a_token68()
    {
        Assert.Equal("Negotiate <token68>", Assert.Single(AuthenticationChallenge.Parse("Negotiate YIIB")).ToString());
        Assert.Equal("Negotiate", Assert.Single(AuthenticationChallenge.Parse("Negotiate")).ToString());
    }

    [Fact]
    public void ToString_leaves_values_out()
    {
        var challenges = AuthenticationChallenge.Parse("Digest realm=\"secret-realm\", nonce=n, Bearer s3cr3t");
        Assert.Equal("Digest realm, nonce", challenges[0].ToString());
        Assert.DoesNotContain("s3cr3t", challenges[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => AuthenticationChallenge.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => AuthenticationChallenge.FromHeaders(null!));
    }
}
