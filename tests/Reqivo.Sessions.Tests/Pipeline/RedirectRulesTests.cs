using System;
using Reqivo;
using Reqivo.Redirects;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>The pure redirect decision (RFC 9110 §15.4): which statuses, which method, the target and its origin.</summary>
public sealed class RedirectRulesTests
{
    private static readonly Uri Current = new("http://example.com/a/b");

    [Theory]
    [InlineData(200)]
    [InlineData(300)]
    [InlineData(304)]
    public void A_status_that_is_not_followed_gives_no_step_even_with_a_Location(int status)
    {
        Assert.Null(RedirectRules.Decide(HttpMethods.Get, status, Current, "/elsewhere"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_followed_status_without_a_usable_Location_gives_no_step(string? location)
    {
        Assert.Null(RedirectRules.Decide(HttpMethods.Get, 302, Current, location));
    }

    [Fact]
    public void A_Location_that_is_no_URI_reference_gives_no_step()
    {
        Assert.Null(RedirectRules.ResolveLocation(Current, "http://[::1"));
        Assert.Null(RedirectRules.Decide(HttpMethods.Get, 302, Current, "http://[::1"));
    }

    [Theory]
    [InlineData("http://example.com/x", true)]
    [InlineData("https://example.com/x", true)]
    [InlineData("ftp://example.com/x", false)]
    public void The_step_says_whether_the_target_is_http_at_all(string location, bool isHttp)
    {
        RedirectStep step = RedirectRules.Decide(HttpMethods.Get, 302, Current, location)!;

        Assert.Equal(isHttp, step.IsHttp);
    }

    [Theory]
    [InlineData("HEAD", 303, "HEAD", false)]
    [InlineData("POST", 303, "GET", false)]
    [InlineData("POST", 302, "GET", false)]
    [InlineData("PUT", 302, "PUT", true)]
    [InlineData("POST", 307, "POST", true)]
    public void The_status_picks_the_method_and_whether_the_content_goes_along(string method, int status, string nextMethod, bool keepBody)
    {
        Assert.Equal((nextMethod, keepBody), RedirectRules.NextMethod(method, status));
    }

    [Theory]
    [InlineData("http://example.com/p#frag", "/q", "http://example.com/q#frag")]
    [InlineData("http://example.com/p#frag", "/q#own", "http://example.com/q#own")]
    [InlineData("http://example.com/p#frag", "/q#", "http://example.com/q#")]
    [InlineData("http://example.com/p", "/q", "http://example.com/q")]
    public void The_target_inherits_the_current_fragment_only_when_Location_has_none(string current, string location, string expected)
    {
        Uri target = RedirectRules.ResolveLocation(new Uri(current), location)!;

        Assert.Equal(expected, target.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://example.com:8080/", "https://example.com:8080/", false)]
    [InlineData("http://example.com:8080/", "http://other.example:8080/", false)]
    [InlineData("http://example.com:8080/", "http://example.com:8081/", false)]
    [InlineData("http://example.com:8080/", "HTTP://EXAMPLE.com:8080/x", true)]
    public void Same_origin_needs_scheme_host_and_port_to_match(string left, string right, bool same)
    {
        Assert.Equal(same, RedirectRules.SameOrigin(new Uri(left), new Uri(right)));
    }
}
