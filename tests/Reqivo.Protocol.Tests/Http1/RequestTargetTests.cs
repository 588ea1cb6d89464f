using System;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a/b?x=1")]
    [InlineData("/%C3%BC?q=%20")]
    [InlineData("//double/slash")]
    [InlineData("/a?b=c&d=e;f=g,h=~!$'()*+:@[]")]
    public void Origin_keeps_a_valid_path_and_query_as_given(string value)
    {
        RequestTarget target = RequestTarget.Origin(value);

        Assert.Equal(RequestTargetForm.Origin, target.Form);
        Assert.Equal(value, target.Value);
        Assert.Equal(value, target.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("*")]
    [InlineData("http://example.com/")]
    [InlineData("/a b")]
    [InlineData("/a\tb")]
    [InlineData("/a\r\nHost: evil")]
    [InlineData("/a\nb")]
    [InlineData("/a\0b")]
    [InlineData("/a\u007Fb")]
    [InlineData("/a#fragment")]
    [InlineData("/caf\u00E9")]
    [InlineData("/\u4E2D")]
    public void Origin_refuses_a_value_that_could_break_the_request_line(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => RequestTarget.Origin(value));

        Assert.Equal("pathAndQuery", error.ParamName);
    }

    [Theory]
    [InlineData("http://example.com:8080/a?b")]
    [InlineData("https://example.com")]
    [InlineData("HTTP://Example.COM/")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("http://example.com?q=1")]
    [InlineData("http://192.0.2.1/x")]
    public void Absolute_keeps_an_http_uri_as_given(string value)
    {
        RequestTarget target = RequestTarget.Absolute(value);

        Assert.Equal(RequestTargetForm.Absolute, target.Form);
        Assert.Equal(value, target.Value);
    }

    [Theory]
    [InlineData("example.com/a")]
    [InlineData("/a")]
    [InlineData("ftp://example.com/")]
    [InlineData("ws://example.com/")]
    [InlineData("http:/example.com")]
    [InlineData("http:example.com")]
    [InlineData("http:x//example.com/")]
    [InlineData("https:80//example.com/")]
    [InlineData("http://")]
    [InlineData("http:///a")]
    [InlineData("http://?q")]
    [InlineData("http://user:secret@example.com/")]
    [InlineData("http://@example.com/")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://example.com/#f")]
    [InlineData("http://example.com:99999/")]
    [InlineData("http://example.com:/")]
    [InlineData("http://example.com:8a/")]
    [InlineData("http://[::1/")]
    [InlineData("http://b\u00FCcher.example/")]
    public void Absolute_refuses_anything_but_an_http_uri_with_a_host(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => RequestTarget.Absolute(value));

        Assert.Equal("absoluteUri", error.ParamName);
    }

    [Theory]
    [InlineData("example.com", 443, "example.com:443")]
    [InlineData("192.0.2.1", 80, "192.0.2.1:80")]
    [InlineData("::1", 443, "[::1]:443")]
    [InlineData("[::1]", 8080, "[::1]:8080")]
    [InlineData("2001:db8::7", 1, "[2001:db8::7]:1")]
    [InlineData("::ffff:192.0.2.1", 65535, "[::ffff:192.0.2.1]:65535")]
    [InlineData("xn--bcher-kva.example", 443, "xn--bcher-kva.example:443")]
    public void Authority_is_host_colon_port_with_ipv6_in_brackets(string host, int port, string expected)
    {
        RequestTarget target = RequestTarget.Authority(host, port);

        Assert.Equal(RequestTargetForm.Authority, target.Form);
        Assert.Equal(expected, target.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("exa mple.com")]
    [InlineData("example.com/a")]
    [InlineData("user@example.com")]
    [InlineData("example.com:443")]
    [InlineData("[::1")]
    [InlineData("[example.com]")]
    [InlineData("abc:xyz")]
    [InlineData("fe80::1%eth0")]
    [InlineData("b\u00FCcher.example")]
    [InlineData("a\r\nb")]
    public void Authority_refuses_a_host_that_is_not_a_name_or_address(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => RequestTarget.Authority(host, 443));

        Assert.Equal("host", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Authority_refuses_a_port_outside_1_to_65535(int port)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RequestTarget.Authority("example.com", port));

        Assert.Equal("port", error.ParamName);
    }

    [Fact]
    public void Asterisk_is_a_lone_star()
    {
        Assert.Equal(RequestTargetForm.Asterisk, RequestTarget.Asterisk.Form);
        Assert.Equal("*", RequestTarget.Asterisk.Value);
    }

    [Theory]
    [InlineData("http://example.com", "/")]
    [InlineData("http://example.com/", "/")]
    [InlineData("http://example.com?x=1", "/?x=1")]
    [InlineData("https://example.com:8443/a/b?x=1#fragment", "/a/b?x=1")]
    [InlineData("http://example.com/caf\u00E9?q=\u00E4", "/caf%C3%A9?q=%C3%A4")]
    [InlineData("http://example.com/a b", "/a%20b")]
    [InlineData("http://user:pw@example.com/private", "/private")]
    [InlineData("ws://example.com/chat", "/chat")]
    [InlineData("WSS://example.com/chat?room=1", "/chat?room=1")]
    public void FromUri_takes_the_escaped_path_and_query_and_drops_the_fragment(string uri, string expected)
    {
        RequestTarget target = RequestTarget.FromUri(new Uri(uri));

        Assert.Equal(RequestTargetForm.Origin, target.Form);
        Assert.Equal(expected, target.Value);
    }

    [Theory]
    [InlineData("/relative/path", UriKind.Relative)]
    [InlineData("ftp://example.com/file", UriKind.Absolute)]
    [InlineData("file:///tmp/a", UriKind.Absolute)]
    [InlineData("mailto:someone@example.com", UriKind.Absolute)]
    public void FromUri_refuses_a_relative_or_non_http_uri(string uri, UriKind kind)
    {
        var error = Assert.Throws<ArgumentException>(() => RequestTarget.FromUri(new Uri(uri, kind)));

        Assert.Equal("uri", error.ParamName);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => RequestTarget.Origin(null!));
        Assert.Throws<ArgumentNullException>(() => RequestTarget.Absolute(null!));
        Assert.Throws<ArgumentNullException>(() => RequestTarget.Authority(null!, 1));
        Assert.Throws<ArgumentNullException>(() => RequestTarget.FromUri(null!));
    }

    [Fact]
    public void Targets_are_equal_when_form_and_value_are_equal()
    {
        RequestTarget a = RequestTarget.Origin("/a");

        Assert.True(a == RequestTarget.Origin("/a"));
        Assert.False(a != RequestTarget.Origin("/a"));
        Assert.True(a.Equals((object)RequestTarget.Origin("/a")));
        Assert.Equal(a.GetHashCode(), RequestTarget.Origin("/a").GetHashCode());
        Assert.True(a != RequestTarget.Origin("/A"));
        Assert.False(a.Equals((object)"/a"));
        Assert.NotEqual(RequestTarget.Asterisk, RequestTarget.Origin("/*"));
        Assert.NotEqual(default, RequestTarget.Origin("/"));
    }

    [Fact]
    public void Default_target_has_an_empty_origin_value()
    {
        RequestTarget target = default;

        Assert.Equal(RequestTargetForm.Origin, target.Form);
        Assert.Equal(string.Empty, target.Value);
    }
}
