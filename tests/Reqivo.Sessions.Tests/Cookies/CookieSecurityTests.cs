using System;
using System.Linq;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Secure cookies, the rule that protects them from insecure origins, and the name prefixes.</summary>
public sealed class CookieSecurityTests
{
    private readonly CookieJar _jar = new(new CookieJarOptions { TimeProvider = new ManualClock() });

    private static readonly Uri Https = new("https://example.com/");
    private static readonly Uri Http = new("http://example.com/");

    [Fact]
    public void Secure_cookie_is_not_set_from_http()
    {
        Assert.False(_jar.SetCookie(Http, "a=1; Secure"));
        Assert.Equal(0, _jar.Count);
    }

    [Fact]
    public void Secure_cookie_is_sent_over_https_and_wss_only()
    {
        Assert.True(_jar.SetCookie(Https, "a=1; Secure"));
        Assert.True(Assert.Single(_jar.GetAllCookies()).Secure);
        Assert.Equal("a=1", _jar.GetCookieHeader(Https));
        Assert.Equal("a=1", _jar.GetCookieHeader(new Uri("wss://example.com/socket")));
        Assert.Null(_jar.GetCookieHeader(Http));
        Assert.Null(_jar.GetCookieHeader(new Uri("ws://example.com/socket")));
    }

    [Fact]
    public void Non_secure_cookie_set_over_https_is_sent_over_http_too()
    {
        Assert.True(_jar.SetCookie(Https, "a=1"));
        Assert.Equal("a=1", _jar.GetCookieHeader(Http));
    }

    [Theory]
    [InlineData("sid=evil")]
    [InlineData("sid=evil; Path=/deeper")]
    [InlineData("sid=evil; Domain=example.com")]
    public void Http_origin_cannot_shadow_a_secure_cookie(string setCookie)
    {
        Assert.True(_jar.SetCookie(Https, "sid=good; Secure; Domain=example.com"));
        Assert.False(_jar.SetCookie(new Uri("http://www.example.com/"), setCookie));
        Assert.Equal("sid=good", _jar.GetCookieHeader(new Uri("https://www.example.com/deeper")));
    }

    [Fact]
    public void Http_origin_may_set_the_same_name_on_an_unrelated_path()
    {
        Assert.True(_jar.SetCookie(Https, "sid=good; Secure; Path=/app"));
        Assert.True(_jar.SetCookie(Http, "sid=other; Path=/"));
        Assert.Equal(2, _jar.Count);
    }

    [Theory]
    [InlineData("__Secure-a=1", false)]
    [InlineData("__Secure-a=1; Secure", true)]
    [InlineData("__SECURE-a=1", false)]
    [InlineData("__secure-a=1; Secure; Domain=example.com", true)]
    public void Secure_prefix_needs_the_secure_attribute(string setCookie, bool stored)
    {
        Assert.Equal(stored, _jar.SetCookie(Https, setCookie));
    }

    [Theory]
    [InlineData("__Host-a=1; Secure; Path=/", true)]
    [InlineData("__Host-a=1; Secure", false)]
    [InlineData("__Host-a=1; Path=/", false)]
    [InlineData("__Host-a=1; Secure; Path=/app", false)]
    [InlineData("__Host-a=1; Secure; Path=/; Domain=example.com", false)]
    [InlineData("__host-a=1; Secure; Path=/; Domain=www.example.com", false)]
    public void Host_prefix_needs_secure_host_only_and_root_path(string setCookie, bool stored)
    {
        Assert.Equal(stored, _jar.SetCookie(new Uri("https://www.example.com/app/page"), setCookie));
    }

    [Fact]
    public void Prefixed_cookie_over_http_is_refused_even_with_secure()
    {
        Assert.False(_jar.SetCookie(Http, "__Secure-a=1; Secure"));
        Assert.False(_jar.SetCookie(Http, "__Host-a=1; Secure; Path=/"));
    }

    [Fact]
    public void Same_site_none_needs_secure()
    {
        Assert.False(_jar.SetCookie(Https, "a=1; SameSite=None"));
        Assert.True(_jar.SetCookie(Https, "a=1; SameSite=None; Secure"));
        Assert.Equal(CookieSameSite.None, Assert.Single(_jar.GetAllCookies()).SameSite);
    }

    [Fact]
    public void Control_characters_void_the_whole_set_cookie()
    {
        Assert.False(_jar.SetCookie(Http, "a=b\rc"));
        Assert.False(_jar.SetCookie(Http, "a=b\0"));
        Assert.False(_jar.SetCookie(Http, "a=b; Path=/\n"));
        Assert.True(_jar.SetCookie(Http, "a=b\tc"));
        Assert.Equal("b\tc", _jar.GetCookies(Http).Single().Value);
    }

    [Fact]
    public void Cookie_text_hides_the_value()
    {
        _jar.SetCookie(Https, "sid=secret-token; Secure");
        string text = _jar.GetAllCookies().Single().ToString();
        Assert.Contains("sid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
    }
}
