using System;
using System.Linq;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>
/// Cookie-header order (RFC 6265 §5.4 step 2) and least-recently-used eviction (§5.3 step 12) when clock readings tie
/// or disagree with the order of events: the tie-breaking sequence numbers decide.
/// </summary>
public sealed class CookieOrderAndEvictionTests
{
    private static readonly Uri Site = new("http://example.com/");
    private readonly ManualClock _clock = new();

    private CookieJar NewJar(int perDomain = 50, int total = 3000) =>
        new(new CookieJarOptions { TimeProvider = _clock, MaxCookiesPerDomain = perDomain, MaxCookies = total });

    [Fact]
    public void A_replaced_cookie_keeps_its_place_when_the_clock_has_not_moved()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1");
        jar.SetCookie(Site, "b=2");
        jar.SetCookie(Site, "a=3");
        Assert.Equal("a=3; b=2", jar.GetCookieHeader(Site));
    }

    [Fact]
    public void An_earlier_creation_time_goes_first_whatever_the_order_of_adding()
    {
        var jar = NewJar();
        DateTimeOffset now = _clock.GetUtcNow();
        jar.Add(new Cookie("late", "1", "example.com") { CreationTime = now });
        jar.Add(new Cookie("early", "2", "example.com") { CreationTime = now.AddHours(-1) });
        Assert.Equal("early=2; late=1", jar.GetCookieHeader(Site));
        Assert.Equal(now.AddHours(-1), jar.GetAllCookies().Single(c => c.Name == "early").CreationTime);
    }

    [Fact]
    public void All_cookies_are_listed_in_header_order()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "short=1; Path=/");
        jar.SetCookie(Site, "long=1; Path=/deep");
        Assert.Equal(["long", "short"], jar.GetAllCookies().Select(c => c.Name));
    }

    [Fact]
    public void Sending_a_cookie_protects_it_from_eviction_even_without_a_clock_tick()
    {
        var jar = NewJar(perDomain: 2);
        jar.SetCookie(new Uri("http://example.com/a/"), "a=1; Path=/a");
        jar.SetCookie(new Uri("http://example.com/b/"), "b=1; Path=/b");
        Assert.Equal("a=1", jar.GetCookieHeader(new Uri("http://example.com/a/x")));
        jar.SetCookie(Site, "c=1");
        Assert.Equal(["a", "c"], jar.GetAllCookies().Select(c => c.Name).Order());
    }

    [Fact]
    public void The_last_access_time_decides_eviction_before_the_order_of_adding()
    {
        var jar = NewJar(perDomain: 2);
        DateTimeOffset now = _clock.GetUtcNow();
        jar.Add(new Cookie("recent", "1", "example.com"));
        jar.Add(new Cookie("stale", "1", "example.com") { LastAccessTime = now.AddDays(-1) });
        jar.Add(new Cookie("new", "1", "example.com"));
        Assert.Equal(["new", "recent"], jar.GetAllCookies().Select(c => c.Name).Order());
        Assert.All(jar.GetAllCookies(), c => Assert.Equal(now, c.LastAccessTime));
    }

    [Fact]
    public void Over_the_total_limit_expired_cookies_go_before_live_ones_used_less_recently()
    {
        var jar = NewJar(total: 2);
        DateTimeOffset start = _clock.GetUtcNow();
        jar.Add(new Cookie("live", "1", "one.test"));
        jar.Add(new Cookie("expiring", "1", "two.test") { Expires = start.AddSeconds(10), LastAccessTime = start.AddSeconds(5) });
        _clock.Advance(TimeSpan.FromSeconds(20));
        jar.Add(new Cookie("newest", "1", "three.test"));
        Assert.Equal(["live", "newest"], jar.GetAllCookies().Select(c => c.Name).Order());
    }

    [Fact]
    public void Each_ip_address_is_its_own_group_for_the_per_domain_limit()
    {
        var jar = NewJar(perDomain: 1);
        Assert.True(jar.SetCookie(new Uri("http://127.0.0.1/"), "a=1"));
        Assert.True(jar.SetCookie(new Uri("http://10.0.0.1/"), "b=1"));
        Assert.Equal(2, jar.Count);
    }

    [Fact]
    public void An_expired_cookie_is_not_listed_even_before_anything_else_purges_it()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1; Max-Age=10");
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(jar.GetAllCookies());
    }
}
