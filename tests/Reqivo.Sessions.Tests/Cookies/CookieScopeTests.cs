using System;
using System.Linq;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Where cookies go: host-only and domain cookies, public suffixes, IP hosts, IDN, paths, header order.</summary>
public sealed class CookieScopeTests
{
    private readonly ManualClock _clock = new();

    private CookieJar NewJar() => new(new CookieJarOptions { TimeProvider = _clock });

    private static string[] Names(CookieJar jar, string uri) => jar.GetCookies(new Uri(uri)).Select(c => c.Name).ToArray();

    [Fact]
    public void Cookie_without_domain_is_host_only()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://example.com/"), "a=1"));
        Assert.Equal(["a"], Names(jar, "http://example.com/"));
        Assert.Empty(Names(jar, "http://sub.example.com/"));
        Cookie cookie = Assert.Single(jar.GetAllCookies());
        Assert.True(cookie.HostOnly);
        Assert.Equal("example.com", cookie.Domain);
    }

    [Fact]
    public void Cookie_with_domain_reaches_subdomains_but_not_siblings()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://www.example.com/"), "a=1; Domain=.Example.COM"));
        Assert.Equal(["a"], Names(jar, "http://example.com/"));
        Assert.Equal(["a"], Names(jar, "http://deep.sub.example.com/"));
        Assert.Empty(Names(jar, "http://notexample.com/"));
        Cookie cookie = Assert.Single(jar.GetAllCookies());
        Assert.False(cookie.HostOnly);
        Assert.Equal("example.com", cookie.Domain);
    }

    [Fact]
    public void Domain_that_the_host_does_not_match_is_refused()
    {
        var jar = NewJar();
        Assert.False(jar.SetCookie(new Uri("http://www.example.com/"), "a=1; Domain=other.com"));
        Assert.False(jar.SetCookie(new Uri("http://example.com/"), "a=1; Domain=www.example.com"));
        Assert.Equal(0, jar.Count);
    }

    [Theory]
    [InlineData("http://www.example.co.uk/", "co.uk")]
    [InlineData("http://example.co.uk/", ".co.uk")]
    [InlineData("http://example.com/", "com")]
    [InlineData("http://www.example.com/", ".COM")]
    [InlineData("http://user.github.io/", "github.io")]
    public void Public_suffix_domain_is_refused(string from, string domain)
    {
        var jar = NewJar();
        Assert.False(jar.SetCookie(new Uri(from), "a=1; Domain=" + domain));
        Assert.Equal(0, jar.Count);
    }

    [Fact]
    public void Public_suffix_domain_equal_to_the_host_gives_a_host_only_cookie()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("https://github.io/"), "a=1; Domain=github.io"));
        Assert.Equal(["a"], Names(jar, "https://github.io/"));
        Assert.Empty(Names(jar, "https://user.github.io/"));
        Assert.True(Assert.Single(jar.GetAllCookies()).HostOnly);
    }

    [Fact]
    public void Ip_address_host_is_matched_only_exactly()
    {
        var jar = NewJar();
        Assert.False(jar.SetCookie(new Uri("http://127.0.0.1/"), "a=1; Domain=0.0.1"));
        Assert.False(jar.SetCookie(new Uri("http://127.0.0.1/"), "a=1; Domain=0.1"));
        Assert.True(jar.SetCookie(new Uri("http://127.0.0.1/"), "b=2; Domain=127.0.0.1"));
        Assert.True(jar.SetCookie(new Uri("http://127.0.0.1/"), "c=3"));
        Assert.Equal(["b", "c"], Names(jar, "http://127.0.0.1:8080/"));
        Assert.Empty(Names(jar, "http://127.0.0.2/"));
        Assert.All(jar.GetAllCookies(), cookie => Assert.True(cookie.HostOnly));
    }

    [Fact]
    public void Ipv6_host_is_matched_exactly()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://[::1]:8080/"), "a=1"));
        Assert.Equal(["a"], Names(jar, "http://[::1]/"));
        Assert.Empty(Names(jar, "http://[::2]/"));
    }

    [Fact]
    public void Internationalised_domain_is_stored_in_punycode_and_matched_in_either_form()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://www.bücher.example/"), "a=1; Domain=BÜCHER.example"));
        Assert.Equal("xn--bcher-kva.example", Assert.Single(jar.GetAllCookies()).Domain);
        Assert.Equal(["a"], Names(jar, "http://shop.bücher.example/"));
        Assert.Equal(["a"], Names(jar, "http://xn--bcher-kva.example/"));
    }

    [Fact]
    public void Default_path_is_the_request_directory()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://example.com/a/b/c?q=1"), "a=1"));
        Assert.Equal("/a/b", Assert.Single(jar.GetAllCookies()).Path);
        Assert.Equal(["a"], Names(jar, "http://example.com/a/b"));
        Assert.Equal(["a"], Names(jar, "http://example.com/a/b/x/y"));
        Assert.Empty(Names(jar, "http://example.com/a/bc"));
        Assert.Empty(Names(jar, "http://example.com/a"));
    }

    [Fact]
    public void Path_attribute_not_starting_with_slash_falls_back_to_the_default_path()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://example.com/dir/page"), "a=1; Path=relative"));
        Assert.Equal("/dir", Assert.Single(jar.GetAllCookies()).Path);
    }

    [Fact]
    public void Cookie_header_puts_longer_paths_first_then_earlier_creation()
    {
        var jar = NewJar();
        var from = new Uri("http://example.com/");
        jar.SetCookie(from, "late=1; Path=/");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(from, "deep=1; Path=/a/b");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(from, "mid=1; Path=/a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(from, "later=1; Path=/");
        Assert.Equal("deep=1; mid=1; late=1; later=1", jar.GetCookieHeader(new Uri("http://example.com/a/b/c")));
    }

    [Fact]
    public void Cookies_created_at_the_same_instant_keep_their_arrival_order()
    {
        var jar = NewJar();
        var from = new Uri("http://example.com/");
        foreach (string name in new[] { "z", "a", "m" })
        {
            jar.SetCookie(from, name + "=1");
        }

        Assert.Equal("z=1; a=1; m=1", jar.GetCookieHeader(from));
    }

    [Fact]
    public void Replacing_a_cookie_keeps_its_creation_time_and_place()
    {
        var jar = NewJar();
        var from = new Uri("http://example.com/");
        jar.SetCookie(from, "first=1");
        DateTimeOffset created = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(1));
        jar.SetCookie(from, "second=1");
        _clock.Advance(TimeSpan.FromMinutes(1));
        jar.SetCookie(from, "first=2");
        Assert.Equal("first=2; second=1", jar.GetCookieHeader(from));
        Assert.Equal(created, jar.GetAllCookies().Single(c => c.Name == "first").CreationTime);
        Assert.Equal(2, jar.Count);
    }

    [Fact]
    public void Host_only_and_domain_cookies_of_the_same_name_are_distinct()
    {
        var jar = NewJar();
        var from = new Uri("http://example.com/");
        jar.SetCookie(from, "a=host");
        jar.SetCookie(from, "a=domain; Domain=example.com");
        Assert.Equal(2, jar.Count);
        Assert.Equal("a=host; a=domain", jar.GetCookieHeader(from));
    }

    [Fact]
    public void No_cookie_gives_no_header()
    {
        Assert.Null(NewJar().GetCookieHeader(new Uri("http://example.com/")));
    }

    [Fact]
    public void Sending_updates_the_last_access_time()
    {
        var jar = NewJar();
        var uri = new Uri("http://example.com/");
        jar.SetCookie(uri, "a=1");
        _clock.Advance(TimeSpan.FromHours(1));
        Cookie sent = Assert.Single(jar.GetCookies(uri));
        Assert.Equal(_clock.GetUtcNow(), sent.LastAccessTime);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromHours(1), sent.CreationTime);
    }

    [Fact]
    public void Same_site_is_recorded_but_never_withholds_a_cookie()
    {
        var jar = NewJar();
        var uri = new Uri("https://example.com/");
        jar.SetCookie(uri, "s=1; SameSite=Strict");
        jar.SetCookie(uri, "l=1; samesite=lax");
        jar.SetCookie(uri, "n=1; SameSite=None; Secure");
        jar.SetCookie(uri, "u=1; SameSite=bogus");
        jar.SetCookie(uri, "h=1; HttpOnly");
        var cookies = jar.GetCookies(uri).ToDictionary(c => c.Name);
        Assert.Equal(5, cookies.Count);
        Assert.Equal(CookieSameSite.Strict, cookies["s"].SameSite);
        Assert.Equal(CookieSameSite.Lax, cookies["l"].SameSite);
        Assert.Equal(CookieSameSite.None, cookies["n"].SameSite);
        Assert.Equal(CookieSameSite.Unspecified, cookies["u"].SameSite);
        Assert.True(cookies["h"].HttpOnly);
        Assert.False(cookies["s"].HttpOnly);
    }

    [Fact]
    public void Relative_uri_is_refused()
    {
        var jar = NewJar();
        Assert.Throws<ArgumentException>(() => jar.SetCookie(new Uri("/path", UriKind.Relative), "a=1"));
        Assert.Throws<ArgumentException>(() => jar.GetCookies(new Uri("/path", UriKind.Relative)));
    }
}
