using System;
using Reqivo.Authentication;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Authentication;

public sealed class CredentialScopeTests
{
    [Theory]
    [InlineData("https://example.org", "https://example.org/any/path?q", true)]
    [InlineData("https://example.org", "https://EXAMPLE.ORG:443/", true)]
    [InlineData("http://example.org/ignored/path", "http://example.org:80/x", true)]
    [InlineData("https://example.org", "http://example.org/", false)]
    [InlineData("https://example.org", "https://example.org:8443/", false)]
    [InlineData("https://example.org", "https://www.example.org/", false)]
    [InlineData("https://example.org", "https://example.org.evil.test/", false)]
    [InlineData("http://[::1]:8080", "http://[::1]:8080/a", true)]
    [InlineData("http://[::1]:8080", "http://127.0.0.1:8080/a", false)]
    [InlineData("https://b\u00fccher.example", "https://xn--bcher-kva.example/", true)]
    [InlineData("https://example.org", "ws://example.org/", false)]
    public void Matches_scheme_host_and_port_only(string origin, string request, bool expected) =>
        Assert.Equal(expected, CredentialScope.ForOrigin(new Uri(origin)).Contains(new Uri(request)));

    [Fact]
    public void Keeps_origins_in_order_without_repeats()
    {
        var scope = new CredentialScope([new Uri("https://a.example/x"), new Uri("https://A.example:443"), new Uri("http://a.example")]);
        Assert.Equal([new Uri("https://a.example:443/"), new Uri("http://a.example:80/")], scope.Origins);
    }

    [Theory]
    [InlineData("ftp://example.org/")]
    [InlineData("file:///etc/passwd")]
    public void Refuses_non_http_origins(string origin) =>
        Assert.Throws<ArgumentException>(() => CredentialScope.ForOrigin(new Uri(origin)));

    [Fact]
    public void Refuses_relative_and_empty_input()
    {
        Assert.Throws<ArgumentException>(() => CredentialScope.ForOrigin(new Uri("/relative", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => new CredentialScope([]));
        Assert.Throws<ArgumentNullException>(() => new CredentialScope(null!));
    }

    [Fact]
    public void A_context_needs_an_absolute_uri()
    {
        Assert.Throws<ArgumentException>(() => new AuthenticationContext("GET", new Uri("/x", UriKind.Relative), new HttpHeaders()));
        Assert.Throws<ArgumentException>(() => new AuthenticationContext(string.Empty, new Uri("https://example.org/"), new HttpHeaders()));
        var context = new AuthenticationContext("GET", new Uri("https://example.org/"), new HttpHeaders());
        Assert.Null(context.Body);
        Assert.Equal(0, context.PreviousChallenges);
        Assert.Equal(2, AuthenticationContext.MaxAnsweredChallenges);
    }
}
