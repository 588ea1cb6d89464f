using System;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>The rules <see cref="CookieJar.Add"/> enforces, each at its edge, and the broken rule named in the error.</summary>
public sealed class CookieAddValidationTests
{
    private static readonly Uri Site = new("http://example.com/");
    private readonly CookieJar _jar = new(new CookieJarOptions { TimeProvider = new ManualClock() });

    [Theory]
    [InlineData("a=b", "1")]
    [InlineData("a;b", "1")]
    [InlineData("a\u0001", "1")]
    [InlineData("a\u007F", "1")]
    [InlineData(" a", "1")]
    [InlineData("a\t", "1")]
    [InlineData("a", "1;2")]
    [InlineData("a", "1\n")]
    [InlineData("a", " 1")]
    [InlineData("a", "1 ")]
    public void A_forbidden_character_in_name_or_value_is_named_in_the_error(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => _jar.Add(new Cookie(name, value, "example.com")));
        Assert.Equal("cookie", error.ParamName);
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _jar.Count);
    }

    [Theory]
    [InlineData("a", "")]
    [InlineData("a", "b=c")]
    [InlineData("a", "in\tside")]
    [InlineData("a b", "1")]
    public void Empty_values_inner_white_space_and_equals_in_the_value_are_allowed(string name, string value)
    {
        _jar.Add(new Cookie(name, value, "example.com") { HostOnly = true });
        Assert.Equal($"{name}={value}", _jar.GetCookieHeader(Site));
    }

    [Fact]
    public void Name_and_value_may_fill_4096_octets_but_not_one_more()
    {
        _jar.Add(new Cookie("a", new string('v', 4095), "example.com"));
        Assert.Equal(1, _jar.Count);

        var error = Assert.Throws<ArgumentException>(() => _jar.Add(new Cookie("b", new string('v', 4096), "example.com")));
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _jar.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("app")]
    [InlineData("/a;b")]
    [InlineData("/a\u0000")]
    public void A_bad_path_is_named_in_the_error(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => _jar.Add(new Cookie("a", "1", "example.com") { Path = path }));
        Assert.Contains("path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_may_hold_an_equals_sign()
    {
        _jar.Add(new Cookie("a", "1", "example.com") { Path = "/q=1" });
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://example.com/q=1/x")));
    }

    [Theory]
    [InlineData("exa mple.com")]
    [InlineData("a..example.com")]
    public void A_bad_domain_is_named_in_the_error(string domain)
    {
        var error = Assert.Throws<ArgumentException>(() => _jar.Add(new Cookie("a", "1", domain)));
        Assert.Contains("domain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_suffix_is_refused_as_a_domain_cookie_but_kept_as_a_host_only_one()
    {
        var error = Assert.Throws<ArgumentException>(() => _jar.Add(new Cookie("a", "1", "co.uk")));
        Assert.Contains("public suffix", error.Message, StringComparison.Ordinal);

        _jar.Add(new Cookie("a", "1", "co.uk") { HostOnly = true });
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://co.uk/")));
        Assert.Null(_jar.GetCookieHeader(new Uri("http://example.co.uk/")));
    }

    [Theory]
    [InlineData("__Secure-a", "__Secure-")]
    [InlineData("__host-a", "__Host-")]
    public void A_broken_prefix_rule_is_named_in_the_error(string name, string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => _jar.Add(new Cookie(name, "1", "example.com")));
        Assert.Contains(prefix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ip_address_domain_is_kept_host_only()
    {
        _jar.Add(new Cookie("a", "1", "127.0.0.1"));
        Assert.True(Assert.Single(_jar.GetAllCookies()).HostOnly);
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://127.0.0.1:8080/")));
    }
}
