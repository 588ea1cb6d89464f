using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Null and out-of-range arguments of the cookie API are refused up front, naming the parameter.</summary>
public sealed class CookieArgumentTests
{
    private static readonly Uri Site = new("http://example.com/");

    [Fact]
    public void Cookie_requires_a_name_a_value_and_a_domain()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new Cookie(null!, "v", "example.com")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new Cookie("", "v", "example.com")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new Cookie("n", null!, "example.com")).ParamName);
        Assert.Equal("domain", Assert.Throws<ArgumentNullException>(() => new Cookie("n", "v", null!)).ParamName);
        Assert.Equal("domain", Assert.Throws<ArgumentException>(() => new Cookie("n", "v", "")).ParamName);
    }

    [Fact]
    public void Cookie_allows_an_empty_value()
    {
        Assert.Equal("", new Cookie("n", "", "example.com").Value);
    }

    [Fact]
    public void Jar_options_must_be_complete()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new CookieJar(null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new CookieJar(new CookieJarOptions { TimeProvider = null! })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new CookieJar(new CookieJarOptions { PublicSuffixList = null! })).ParamName);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 3000)]
    public void Jar_limits_must_be_at_least_one(int perDomain, int total)
    {
        var options = new CookieJarOptions { MaxCookiesPerDomain = perDomain, MaxCookies = total };
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new CookieJar(options)).ParamName);
    }

    [Fact]
    public void Jar_limits_of_one_are_accepted()
    {
        var jar = new CookieJar(new CookieJarOptions { MaxCookiesPerDomain = 1, MaxCookies = 1 });
        Assert.Equal(0, jar.Count);
    }

    [Fact]
    public void Jar_members_refuse_null()
    {
        var jar = new CookieJar();
        Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => jar.GetCookies(null!)).ParamName);
        Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => jar.SetCookie(null!, "a=1")).ParamName);
        Assert.Equal("setCookieHeader", Assert.Throws<ArgumentNullException>(() => jar.SetCookie(Site, null!)).ParamName);
        Assert.Equal("cookie", Assert.Throws<ArgumentNullException>(() => jar.Add(null!)).ParamName);
        Assert.Equal("cookie", Assert.Throws<ArgumentNullException>(() => jar.Remove(null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => jar.Save(null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => jar.Load(null!)).ParamName);
    }

    [Fact]
    public async Task Jar_async_persistence_refuses_a_null_stream()
    {
        var jar = new CookieJar();
        Assert.Equal("stream", (await Assert.ThrowsAsync<ArgumentNullException>(() => jar.SaveAsync(null!))).ParamName);
        Assert.Equal("stream", (await Assert.ThrowsAsync<ArgumentNullException>(() => jar.LoadAsync(null!))).ParamName);
    }

    [Fact]
    public void Public_suffix_list_load_refuses_a_null_stream()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => PublicSuffixList.Load(null!)).ParamName);
    }

    [Fact]
    public void A_request_uri_must_be_absolute()
    {
        var jar = new CookieJar();
        Assert.Equal("uri", Assert.Throws<ArgumentException>(() => jar.GetCookies(new Uri("/a", UriKind.Relative))).ParamName);
    }
}
