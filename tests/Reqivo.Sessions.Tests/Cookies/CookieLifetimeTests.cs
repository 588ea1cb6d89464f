using System;
using System.Linq;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Expiry by the injected clock, and the size, per-domain and total limits with their eviction order.</summary>
public sealed class CookieLifetimeTests
{
    private static readonly Uri Site = new("http://example.com/");
    private readonly ManualClock _clock = new();

    private CookieJar NewJar(int perDomain = 50, int total = 3000) =>
        new(new CookieJarOptions { TimeProvider = _clock, MaxCookiesPerDomain = perDomain, MaxCookies = total });

    [Fact]
    public void Max_age_expires_by_the_injected_clock()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1; Max-Age=60");
        Assert.Equal(_clock.GetUtcNow().AddSeconds(60), jar.GetAllCookies().Single().Expires);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("a=1", jar.GetCookieHeader(Site));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(jar.GetCookieHeader(Site));
        Assert.Equal(0, jar.Count);
    }

    [Fact]
    public void Expires_date_is_honoured()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1; Expires=Sun, 01 Jun 2025 13:00:00 GMT");
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 13, 0, 0, TimeSpan.Zero), jar.GetAllCookies().Single().Expires);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, jar.Count);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, jar.Count);
    }

    [Fact]
    public void Max_age_wins_over_expires_in_either_order()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1; Max-Age=10; Expires=Wed, 01 Jan 2025 00:00:00 GMT");
        jar.SetCookie(Site, "b=1; Expires=Wed, 01 Jan 2025 00:00:00 GMT; Max-Age=10");
        Assert.Equal(2, jar.Count);
        Assert.All(jar.GetAllCookies(), cookie => Assert.Equal(_clock.GetUtcNow().AddSeconds(10), cookie.Expires));
    }

    [Fact]
    public void Expiry_is_capped_at_400_days()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1; Max-Age=999999999999999999999999");
        jar.SetCookie(Site, "b=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT");
        Assert.All(jar.GetAllCookies(), cookie => Assert.Equal(_clock.GetUtcNow().AddDays(400), cookie.Expires));
    }

    [Fact]
    public void Session_cookie_has_no_expiry()
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1");
        Cookie cookie = jar.GetAllCookies().Single();
        Assert.Null(cookie.Expires);
        Assert.False(cookie.IsPersistent);
    }

    [Theory]
    [InlineData("a=gone; Max-Age=0")]
    [InlineData("a=gone; Max-Age=-1")]
    [InlineData("a=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT")]
    public void Past_expiry_deletes_the_cookie_and_stores_nothing(string deletion)
    {
        var jar = NewJar();
        jar.SetCookie(Site, "a=1");
        jar.SetCookie(Site, "b=1");
        Assert.False(jar.SetCookie(Site, deletion));
        Assert.Equal("b=1", jar.GetCookieHeader(Site));
    }

    [Theory]
    [InlineData("a=1; Max-Age=1.5")]
    [InlineData("a=1; Max-Age=+5")]
    [InlineData("a=1; Max-Age=")]
    [InlineData("a=1; Expires=not a date")]
    public void Invalid_max_age_or_expires_is_ignored(string setCookie)
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(Site, setCookie));
        Assert.Null(jar.GetAllCookies().Single().Expires);
    }

    [Fact]
    public void Name_and_value_may_reach_4096_octets_but_not_exceed_them()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(Site, "n=" + new string('v', 4095)));
        Assert.False(jar.SetCookie(Site, "m=" + new string('v', 4096)));

        // Octets, not characters: 'é' is two octets in UTF-8.
        Assert.False(jar.SetCookie(Site, "e=" + new string('é', 2048)));
        Assert.Equal(1, jar.Count);
    }

    [Fact]
    public void Attribute_value_over_1024_octets_is_ignored()
    {
        var jar = NewJar();
        Assert.True(jar.SetCookie(new Uri("http://example.com/dir/page"), "a=1; Path=/" + new string('p', 1024)));
        Assert.Equal("/dir", jar.GetAllCookies().Single().Path);
    }

    [Fact]
    public void Per_domain_limit_evicts_the_least_recently_used()
    {
        var jar = NewJar(perDomain: 3);
        jar.SetCookie(Site, "a=1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(new Uri("http://www.example.com/"), "b=1; Domain=example.com");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(new Uri("http://api.example.com/"), "c=1");
        _clock.Advance(TimeSpan.FromSeconds(1));

        // Sending to example.com touches "a" and the domain cookie "b": "c" (api.example.com) is now the least recently used.
        Assert.Equal("a=1; b=1", jar.GetCookieHeader(Site));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(jar.SetCookie(Site, "d=1"));
        Assert.Equal(["a", "b", "d"], jar.GetAllCookies().Select(c => c.Name).Order().ToArray());
    }

    [Fact]
    public void Per_domain_limit_counts_the_registrable_domain_only()
    {
        var jar = NewJar(perDomain: 2);
        jar.SetCookie(new Uri("http://a.example.com/"), "a=1");
        jar.SetCookie(new Uri("http://b.example.com/"), "b=1");
        jar.SetCookie(new Uri("http://example.org/"), "c=1");
        jar.SetCookie(new Uri("http://example.co.uk/"), "d=1");
        jar.SetCookie(new Uri("http://other.co.uk/"), "e=1");
        Assert.Equal(5, jar.Count);
    }

    [Fact]
    public void Expired_cookies_are_evicted_before_live_ones()
    {
        var jar = NewJar(perDomain: 3);
        jar.SetCookie(Site, "old=1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(Site, "short=1; Max-Age=5");
        jar.SetCookie(Site, "mid=1");
        _clock.Advance(TimeSpan.FromSeconds(10));
        jar.SetCookie(Site, "new=1");
        Assert.Equal(["mid", "new", "old"], jar.GetAllCookies().Select(c => c.Name).Order().ToArray());
    }

    [Fact]
    public void Total_limit_evicts_the_least_recently_used_across_domains()
    {
        var jar = NewJar(total: 3);
        jar.SetCookie(new Uri("http://one.test/"), "a=1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(new Uri("http://two.test/"), "b=1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(new Uri("http://three.test/"), "c=1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.GetCookies(new Uri("http://one.test/"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        jar.SetCookie(new Uri("http://four.test/"), "d=1");
        Assert.Equal(3, jar.Count);
        Assert.Equal(["a", "c", "d"], jar.GetAllCookies().Select(c => c.Name).Order().ToArray());
    }

    [Fact]
    public void Default_limits_keep_50_per_domain_and_3000_in_all()
    {
        var jar = new CookieJar(new CookieJarOptions { TimeProvider = _clock });
        for (int i = 0; i < 60; i++)
        {
            jar.SetCookie(Site, $"c{i}=1");
        }

        Assert.Equal(50, jar.Count);
        Assert.DoesNotContain(jar.GetAllCookies(), cookie => cookie.Name == "c9");
        Assert.Contains(jar.GetAllCookies(), cookie => cookie.Name == "c10");

        for (int host = 0; host < 70; host++)
        {
            for (int i = 0; i < 50; i++)
            {
                jar.SetCookie(new Uri($"http://h{host}.test/"), $"c{i}=1");
            }
        }

        Assert.Equal(3000, jar.Count);
    }
}
