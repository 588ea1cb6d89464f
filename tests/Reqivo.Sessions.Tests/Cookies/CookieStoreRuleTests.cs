using System;
using System.Linq;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>The storage model's refusals at their edges (RFC 6265 §5.3, rfc6265bis), and groups that empty out.</summary>
public sealed class CookieStoreRuleTests
{
    private static readonly Uri Site = new("http://example.com/");
    private readonly ManualClock _clock = new();
    private readonly CookieJar _jar;

    public CookieStoreRuleTests() => _jar = new CookieJar(new CookieJarOptions { TimeProvider = _clock });

    [Fact]
    public void A_domain_attribute_that_is_no_host_name_voids_the_cookie()
    {
        Assert.False(_jar.SetCookie(new Uri("http://www.example.com/"), "a=1; Domain=www..example.com"));
        Assert.Equal(0, _jar.Count);
    }

    [Fact]
    public void An_expiry_equal_to_now_stores_nothing()
    {
        // The clock reads Sun, 01 Jun 2025 12:00:00 GMT.
        Assert.False(_jar.SetCookie(Site, "a=1; Expires=Sun, 01 Jun 2025 12:00:00 GMT"));
        Assert.True(_jar.SetCookie(Site, "b=1; Expires=Sun, 01 Jun 2025 12:00:01 GMT"));
        Assert.Equal("b", Assert.Single(_jar.GetAllCookies()).Name);
    }

    [Fact]
    public void A_secure_origin_may_replace_a_secure_cookie_with_a_non_secure_one()
    {
        var https = new Uri("https://example.com/");
        Assert.True(_jar.SetCookie(https, "a=1; Secure"));
        Assert.True(_jar.SetCookie(https, "a=2"));
        Cookie cookie = Assert.Single(_jar.GetAllCookies());
        Assert.Equal("2", cookie.Value);
        Assert.False(cookie.Secure);
    }

    [Fact]
    public void A_secure_cookie_of_a_sibling_host_does_not_block_the_same_name()
    {
        Assert.True(_jar.SetCookie(new Uri("https://a.example.com/"), "a=1; Secure"));
        Assert.True(_jar.SetCookie(new Uri("http://b.example.com/"), "a=2"));
        Assert.Equal("a=2", _jar.GetCookieHeader(new Uri("http://b.example.com/")));
    }

    [Fact]
    public void Deleting_a_cookie_that_was_never_stored_leaves_no_group_behind()
    {
        Assert.False(_jar.SetCookie(Site, "a=1; Max-Age=0"));
        Assert.Equal(0, _jar.GroupCount);
    }

    [Fact]
    public void Removing_the_last_cookie_of_a_domain_drops_its_group()
    {
        var cookie = new Cookie("a", "1", "example.com") { HostOnly = true };
        _jar.Add(cookie);
        Assert.Equal(1, _jar.GroupCount);
        Assert.True(_jar.Remove(cookie));
        Assert.Equal(0, _jar.GroupCount);
        Assert.False(_jar.Remove(cookie));
    }

    [Fact]
    public void Removing_from_an_unknown_domain_reports_nothing_removed()
    {
        Assert.False(_jar.Remove(new Cookie("a", "1", "example.org")));
    }

    [Fact]
    public void Groups_whose_cookies_all_expired_are_dropped()
    {
        _jar.SetCookie(Site, "a=1; Max-Age=5");
        _jar.SetCookie(new Uri("http://example.org/"), "b=1; Max-Age=5");
        _jar.SetCookie(new Uri("http://example.net/"), "c=1");
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _jar.Count);
        Assert.Equal(1, _jar.GroupCount);
    }

    [Fact]
    public void A_group_emptied_by_the_total_limit_is_dropped()
    {
        var jar = new CookieJar(new CookieJarOptions { TimeProvider = _clock, MaxCookies = 1 });
        jar.SetCookie(new Uri("http://one.test/"), "a=1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(new Uri("http://two.test/"), "b=1");
        Assert.Equal("b", Assert.Single(jar.GetAllCookies()).Name);
        Assert.Equal(1, jar.GroupCount);
    }
}
