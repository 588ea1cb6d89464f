using System;
using Reqivo.Authentication;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>Every public entry of the authentication types names the argument it refuses.</summary>
public sealed class AuthenticationArgumentTests
{
    private static readonly Uri Origin = new("http://example.test");
    private static readonly CredentialScope Scope = CredentialScope.ForOrigin(Origin);

    [Fact]
    public void Basic_names_its_null_arguments()
    {
        Assert.Equal("userName", Assert.Throws<ArgumentNullException>(() => new BasicAuthenticator(null!, "p", Scope)).ParamName);
        Assert.Equal("password", Assert.Throws<ArgumentNullException>(() => new BasicAuthenticator("u", null!, Scope)).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentNullException>(() => new BasicAuthenticator("u", "p", (CredentialScope)null!)).ParamName);

        var basic = new BasicAuthenticator("u", "p", Scope);
        AssertContextChecks(basic);
    }

    [Fact]
    public void Bearer_names_its_null_arguments()
    {
        Assert.Equal("token", Assert.Throws<ArgumentNullException>(() => new BearerAuthenticator(null!, Scope)).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentNullException>(() => new BearerAuthenticator("t", (CredentialScope)null!)).ParamName);

        AssertContextChecks(new BearerAuthenticator("t", Scope));
    }

    [Fact]
    public void Bearer_sends_its_token_to_a_named_http_origin_by_default()
    {
        var bearer = new BearerAuthenticator("t0ken", Scope);
        AuthenticationContext context = AuthTest.Context("http://example.test/a");

        bearer.Prepare(context);

        Assert.True(bearer.AllowUnencrypted);
        Assert.Equal("Bearer t0ken", AuthTest.Authorization(context));
    }

    [Fact]
    public void Digest_names_its_null_arguments()
    {
        Assert.Equal("userName", Assert.Throws<ArgumentNullException>(() => new DigestAuthenticator(null!, "p", Scope)).ParamName);
        Assert.Equal("password", Assert.Throws<ArgumentNullException>(() => new DigestAuthenticator("u", null!, Scope)).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentNullException>(() => new DigestAuthenticator("u", "p", (CredentialScope)null!)).ParamName);

        AssertContextChecks(new DigestAuthenticator("u", "p", Scope));
    }

    [Fact]
    public void A_scope_names_its_null_arguments()
    {
        Assert.Equal("origin", Assert.Throws<ArgumentNullException>(() => CredentialScope.ForOrigin(null!)).ParamName);
        Assert.Equal("origins", Assert.Throws<ArgumentNullException>(() => new CredentialScope([Origin, null!])).ParamName);
        Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => Scope.Contains(null!)).ParamName);
    }

    [Fact]
    public void A_context_names_its_null_arguments()
    {
        Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => new AuthenticationContext("GET", null!, new HttpHeaders())).ParamName);
        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => new AuthenticationContext("GET", Origin, null!)).ParamName);
    }

    private static void AssertContextChecks(IAuthenticator authenticator)
    {
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => authenticator.Prepare(null!)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => authenticator.OnChallenge(null!, 401, new HttpHeaders())).ParamName);
        Assert.Equal(
            "responseHeaders",
            Assert.Throws<ArgumentNullException>(() => authenticator.OnChallenge(AuthTest.Context("http://example.test/"), 401, null!)).ParamName);
    }
}
