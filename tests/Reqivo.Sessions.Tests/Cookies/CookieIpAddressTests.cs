using System;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Cookies of IP-address hosts: host-only, matched exactly, in the form the request URI gives the host.</summary>
public sealed class CookieIpAddressTests
{
    private readonly CookieJar _jar = new(new CookieJarOptions { TimeProvider = new ManualClock() });

    [Theory]
    [InlineData("[::1]")]
    [InlineData("::1")]
    [InlineData("0:0::1")]
    [InlineData("[0:0:0:0:0:0:0:1]")]
    public void An_added_ipv6_cookie_is_sent_to_that_address_however_it_was_spelt(string domain)
    {
        _jar.Add(new Cookie("a", "1", domain));
        Cookie stored = Assert.Single(_jar.GetAllCookies());
        Assert.Equal("[::1]", stored.Domain);
        Assert.True(stored.HostOnly);
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://[::1]:8080/")));
    }

    [Fact]
    public void An_ipv6_address_is_compared_in_lower_case()
    {
        _jar.Add(new Cookie("a", "1", "[::ABCD]"));
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://[::abcd]/")));
    }

    [Fact]
    public void A_cookie_set_by_an_ipv6_host_keeps_the_bracketed_host_as_its_domain()
    {
        Assert.True(_jar.SetCookie(new Uri("http://[::1]/"), "a=1"));
        Assert.Equal("[::1]", Assert.Single(_jar.GetAllCookies()).Domain);
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://[::1]/x")));
        Assert.Null(_jar.GetCookieHeader(new Uri("http://[::2]/x")));
    }

    [Fact]
    public void An_ipv4_cookie_is_not_sent_to_another_address()
    {
        _jar.Add(new Cookie("a", "1", "10.0.0.1"));
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("http://10.0.0.1/")));
        Assert.Null(_jar.GetCookieHeader(new Uri("http://110.0.0.1/")));
    }
}
