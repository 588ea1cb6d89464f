using System;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>RFC 6265 §5.2 Set-Cookie parsing at the edges: where the pair ends, empty attributes, sizes, odd values.</summary>
public sealed class SetCookieSyntaxEdgeTests
{
    [Theory]
    [InlineData(";a=1")]
    [InlineData("; a=1; Path=/")]
    [InlineData("a")]
    [InlineData("=1")]
    public void A_field_whose_name_value_pair_is_empty_or_has_no_equals_sign_is_ignored(string setCookie)
    {
        Assert.Null(SetCookieParser.Parse(setCookie));
    }

    [Fact]
    public void A_cookie_named_like_an_attribute_is_just_a_cookie()
    {
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse("Secure=1"));
        Assert.Equal("Secure", cookie.Name);
        Assert.Equal("1", cookie.Value);
        Assert.False(cookie.Secure);
    }

    [Fact]
    public void Empty_attributes_between_semicolons_are_skipped_and_the_rest_still_applies()
    {
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse("a=1;;Secure;; ;HttpOnly"));
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public void A_domain_attribute_without_a_value_is_ignored()
    {
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse("a=1; Domain"));
        Assert.Null(cookie.Domain);
    }

    [Fact]
    public void An_attribute_value_of_exactly_1024_octets_is_kept()
    {
        string path = "/" + new string('p', 1023);
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse("a=1; Path=" + path));
        Assert.Equal(path, cookie.Path);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("1a")]
    [InlineData("+5")]
    public void A_max_age_without_digits_or_with_other_characters_is_ignored(string maxAge)
    {
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse("a=1; Max-Age=" + maxAge));
        Assert.Null(cookie.MaxAge);
    }

    [Theory]
    [InlineData("922337203685477580", 922337203685477580L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("99999999999999999999999999", long.MaxValue)]
    [InlineData("-99999999999999999999999999", -long.MaxValue)]
    public void A_huge_max_age_saturates_instead_of_overflowing(string maxAge, long expected)
    {
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse("a=1; Max-Age=" + maxAge));
        Assert.Equal(expected, cookie.MaxAge);
    }

    [Fact]
    public void A_huge_max_age_keeps_the_cookie_for_400_days()
    {
        var clock = new ManualClock();
        var jar = new CookieJar(new CookieJarOptions { TimeProvider = clock });
        Assert.True(jar.SetCookie(new Uri("http://example.com/"), "a=1; Max-Age=99999999999999999999999999"));
        Assert.Equal(clock.GetUtcNow().AddDays(400), Assert.Single(jar.GetAllCookies()).Expires);
    }

    [Fact]
    public void Only_space_and_tab_are_trimmed_around_names_and_values()
    {
        ParsedSetCookie cookie = Assert.IsType<ParsedSetCookie>(SetCookieParser.Parse(" \ta\u00A0= \t\u00A0v\u2003\t ; Path=\u00A0/x"));
        Assert.Equal("a\u00A0", cookie.Name);
        Assert.Equal("\u00A0v\u2003", cookie.Value);
        Assert.Null(cookie.Path);
        Assert.True(cookie.HasPathAttribute);
    }
}
