using System;
using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

public sealed class BearerAuthenticatorTests
{
    private static readonly Uri Origin = new("https://api.example.org");

    [Theory]
    [InlineData("mF_9.B5f-4.1JqM")]
    [InlineData("abc+/~==")]
    [InlineData("A")]
    public void A_b64token_is_sent_preemptively(string token)
    {
        var context = AuthTest.Context("https://api.example.org/v1/items");
        new BearerAuthenticator(token, Origin).Prepare(context);
        Assert.Equal("Bearer " + token, AuthTest.Authorization(context));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("=leading")]
    [InlineData("a=b")]
    [InlineData("quote\"")]
    [InlineData("line\nbreak")]
    [InlineData("comma,")]
    public void A_token_outside_the_b64token_syntax_is_refused(string token) =>
        Assert.Equal("token", Assert.Throws<ArgumentException>(() => new BearerAuthenticator(token, Origin)).ParamName);

    [Fact]
    public void The_token_never_goes_to_another_origin()
    {
        var authenticator = new BearerAuthenticator("t0ken", Origin) { Preemptive = false };
        var context = AuthTest.Context("https://other.example.org/");
        authenticator.Prepare(context);
        Assert.False(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Bearer realm=\"example\"")));
        Assert.Null(AuthTest.Authorization(context));
    }

    [Fact]
    public void Not_preemptive_answers_a_bearer_challenge_once()
    {
        var authenticator = new BearerAuthenticator("t0ken", Origin) { Preemptive = false };
        var context = AuthTest.Context("https://api.example.org/");
        authenticator.Prepare(context);
        Assert.Null(AuthTest.Authorization(context));
        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Bearer realm=\"example\"")));
        Assert.Equal("Bearer t0ken", AuthTest.Authorization(context));
        Assert.False(authenticator.OnChallenge(context, 401, AuthTest.Challenges("Bearer error=\"invalid_token\"")));
    }

    [Fact]
    public void AllowUnencrypted_false_keeps_the_token_off_http()
    {
        var authenticator = new BearerAuthenticator("t0ken", new Uri("http://api.example.org")) { AllowUnencrypted = false };
        var context = AuthTest.Context("http://api.example.org/");
        authenticator.Prepare(context);
        Assert.Null(AuthTest.Authorization(context));
        Assert.Equal("Bearer", authenticator.ToString());
    }
}
