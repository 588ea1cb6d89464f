using System.Collections.Generic;
using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>The edges of the WWW-Authenticate grammar (RFC 9110 §11.2, §11.3, §5.6.2, §5.6.4): where one element ends and the next begins.</summary>
public sealed class ChallengeGrammarBoundaryTests
{
    [Fact]
    public void A_scheme_glued_to_a_token68_character_that_is_not_a_tchar_is_refused()
    {
        // "/" is a token68 character but not a tchar, so the scheme token ends right before it with no space.
        Assert.Empty(AuthenticationChallenge.Parse("Basic/abc"));
    }

    [Theory]
    [InlineData("Basic \"quoted\"")]
    [InlineData("Basic =x")]
    [InlineData("Basic a!")]
    [InlineData("Basic a!=")]
    [InlineData("Basic a! xb")]
    public void A_challenge_whose_parameters_do_not_parse_is_dropped_whole(string value)
    {
        Assert.Empty(AuthenticationChallenge.Parse(value));
    }

    [Fact]
    public void A_parameter_name_may_use_tchars_that_token68_lacks()
    {
        // Token68 stops at "!", so this is read as auth-params.
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic !x=1, a#b=2"));
        Assert.Null(challenge.Token68);
        Assert.Equal("1", challenge.Parameters["!x"]);
        Assert.Equal("2", challenge.Parameters["a#b"]);
    }

    [Fact]
    public void A_parameter_repeated_three_times_still_drops_the_challenge()
    {
        Assert.Empty(AuthenticationChallenge.Parse("Digest realm=a, realm=b, realm=c"));
    }

    [Fact]
    public void A_bare_scheme_at_the_very_end_follows_a_parameter_list()
    {
        var challenges = AuthenticationChallenge.Parse("Basic realm=a, Negotiate");
        Assert.Equal(2, challenges.Count);
        Assert.Equal("a", challenges[0].Parameters["realm"]);
        Assert.Equal("Negotiate", challenges[1].Scheme);
        Assert.Empty(challenges[1].Parameters);
    }

    [Fact]
    public void A_list_element_that_is_not_a_token_ends_the_parameters_and_the_parse()
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic realm=a, \"stray\""));
        Assert.Equal("a", challenge.Parameters["realm"]);
    }

    [Theory]
    [InlineData("!#$%&'*+-.^_`|~09AZaz")]
    public void Every_tchar_is_a_token_character(string tchars)
    {
        Assert.All(tchars, c => Assert.True(ChallengeParser.IsTokenChar(c), $"U+{(int)c:X4}"));
    }

    [Theory]
    [InlineData('"')]
    [InlineData('(')]
    [InlineData(',')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData('@')]
    [InlineData(' ')]
    [InlineData('\u007f')]
    [InlineData('\u00e9')]
    public void Delimiters_and_non_ascii_are_not_token_characters(char c)
    {
        Assert.False(ChallengeParser.IsTokenChar(c));
    }

    [Theory]
    [InlineData("\t !")]
    [InlineData("#")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("~")]
    [InlineData("\u0080")]
    [InlineData("\u00ff")]
    public void Qdtext_boundaries_are_accepted_in_quoted_strings(string text)
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic realm=\"" + text + "\""));
        Assert.Equal(text, challenge.Parameters["realm"]);
    }

    [Theory]
    [InlineData("\u007f")]
    [InlineData("\u001f")]
    public void Controls_outside_qdtext_are_refused_in_quoted_strings(string text)
    {
        Assert.Empty(AuthenticationChallenge.Parse("Basic realm=\"a" + text + "\""));
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(' ')]
    [InlineData('!')]
    [InlineData('~')]
    [InlineData('\u0080')]
    [InlineData('\u00ff')]
    public void A_quoted_pair_accepts_htab_sp_vchar_and_obs_text(char escaped)
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse("Basic realm=\"a\\" + escaped + "b\""));
        Assert.Equal("a" + escaped + "b", challenge.Parameters["realm"]);
    }

    [Theory]
    [InlineData('\u0001')]
    [InlineData('\u001f')]
    [InlineData('\u007f')]
    public void A_quoted_pair_refuses_controls(char escaped)
    {
        // The character before the backslash is valid, so only the escaped one can make this fail.
        IReadOnlyList<AuthenticationChallenge> challenges = AuthenticationChallenge.Parse("Basic realm=\"a\\" + escaped + "b\"");
        Assert.Empty(challenges);
    }
}
