using System;
using System.Buffers;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// Http1RequestHead validates method, target and Host when they are set. Each refusal is checked the way
/// a caller meets it: build the head and write it, and nothing reaches the output.
/// </summary>
public sealed class RequestHeadTests
{
    [Theory]
    [InlineData("")]
    [InlineData("G ET")]
    [InlineData("GET\r\n")]
    [InlineData("G\u00C9T")]
    [InlineData("(GET)")]
    [InlineData("GET/1")]
    public void A_method_that_is_not_a_token_is_refused(string method)
    {
        AssertRefused(nameof(method), output => Write(new Http1RequestHead(method, RequestTarget.Origin("/"), "example.com"), output));
    }

    [Fact]
    public void A_default_target_is_refused()
    {
        AssertRefused("target", output => Write(new Http1RequestHead("GET", default, "example.com"), output));
    }

    [Theory]
    [InlineData("GET", "authority")]
    [InlineData("connect", "authority")]
    [InlineData("CONNECT", "origin")]
    [InlineData("CONNECT", "absolute")]
    [InlineData("CONNECT", "asterisk")]
    [InlineData("GET", "asterisk")]
    [InlineData("options", "asterisk")]
    public void Authority_form_goes_with_connect_only_and_asterisk_form_with_options_only(string method, string form)
    {
        RequestTarget target = form switch
        {
            "authority" => RequestTarget.Authority("example.com", 443),
            "absolute" => RequestTarget.Absolute("http://example.com/"),
            "asterisk" => RequestTarget.Asterisk,
            _ => RequestTarget.Origin("/"),
        };

        AssertRefused("target", output => Write(new Http1RequestHead(method, target, target.Form == RequestTargetForm.Origin ? "example.com" : "example.com:443"), output));
    }

    [Theory]
    [InlineData("exa mple.com")]
    [InlineData("example.com/path")]
    [InlineData("example.com?q")]
    [InlineData("user@example.com")]
    [InlineData("example.com#f")]
    [InlineData("example.com:")]
    [InlineData("example.com:65536")]
    [InlineData("example.com:80a")]
    [InlineData("example.com:8080:1")]
    [InlineData(":80")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[]")]
    [InlineData("::1")]
    [InlineData("b\u00FCcher.example")]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData(" example.com")]
    public void An_invalid_host_is_refused_in_the_constructor_and_the_setter(string host)
    {
        AssertRefused(nameof(host), output => Write(new Http1RequestHead("GET", RequestTarget.Origin("/"), host), output));

        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
        AssertRefused("value", output =>
        {
            head.Host = host;
            Write(head, output);
        });
        Assert.Equal("example.com", head.Host);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("example.com:8080")]
    [InlineData("EXAMPLE.com:1")]
    [InlineData("[::1]")]
    [InlineData("[2001:db8::7]:443")]
    [InlineData("192.0.2.1:65535")]
    [InlineData("xn--bcher-kva.example")]
    public void A_valid_host_is_kept_as_given(string host)
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "other.example") { Host = host };

        Assert.Equal(host, head.Host);
    }

    [Theory]
    [InlineData("CONNECT", "example.com")]
    [InlineData("CONNECT", "example.com:80")]
    [InlineData("CONNECT", "")]
    [InlineData("GET", "example.com")]
    [InlineData("GET", "example.com:443")]
    [InlineData("GET", "")]
    public void Host_must_repeat_the_authority_of_an_authority_or_absolute_target(string method, string host)
    {
        RequestTarget target = method == "CONNECT"
            ? RequestTarget.Authority("example.com", 443)
            : RequestTarget.Absolute("http://example.com:8080/a?b");

        AssertRefused(nameof(host), output => Write(new Http1RequestHead(method, target, host), output));
    }

    [Fact]
    public void Host_matching_the_authority_ignores_case()
    {
        var connect = new Http1RequestHead("CONNECT", RequestTarget.Authority("example.com", 443), "EXAMPLE.COM:443");
        var proxied = new Http1RequestHead("GET", RequestTarget.Absolute("http://Example.com:8080/a"), "example.COM:8080");

        Assert.Equal("EXAMPLE.COM:443", connect.Host);
        Assert.Equal("example.COM:8080", proxied.Host);
        Assert.Throws<ArgumentException>(() => proxied.Host = "example.com");
        Assert.Equal("example.COM:8080", proxied.Host);
    }

    [Theory]
    [InlineData("CONNECT", "example.com:443")]
    [InlineData("GET", "http://example.com:8080/a?b")]
    [InlineData("POST", "https://[::1]/x")]
    [InlineData("GET", "http://example.com?q")]
    [InlineData("GET", "http://example.com")]
    public void Without_a_host_argument_the_host_is_the_targets_authority(string method, string target)
    {
        RequestTarget requestTarget = method == "CONNECT" ? RequestTarget.Authority("example.com", 443) : RequestTarget.Absolute(target);

        var head = new Http1RequestHead(method, requestTarget);

        string expected = requestTarget.Value.Replace("http://", "", StringComparison.Ordinal).Replace("https://", "", StringComparison.Ordinal).Split('/', '?')[0];
        Assert.Equal(expected, head.Host);
    }

    [Fact]
    public void Without_a_host_argument_origin_and_asterisk_targets_are_refused()
    {
        AssertRefused("target", output => Write(new Http1RequestHead("GET", RequestTarget.Origin("/")), output));
        AssertRefused("target", output => Write(new Http1RequestHead("OPTIONS", RequestTarget.Asterisk), output));
        AssertRefused("target", output => Write(new Http1RequestHead("GET", default), output));
    }

    [Theory]
    [InlineData("CONNECT", "content-length")]
    [InlineData("CONNECT", "chunked")]
    [InlineData("TRACE", "content-length")]
    [InlineData("TRACE", "chunked")]
    public void Connect_and_trace_carry_no_content(string method, string framing)
    {
        RequestTarget target = method == "CONNECT" ? RequestTarget.Authority("example.com", 443) : RequestTarget.Origin("/");
        var head = new Http1RequestHead(method, target, "example.com:443");

        AssertRefused("value", output =>
        {
            head.Framing = framing == "chunked" ? RequestFraming.Chunked : RequestFraming.ContentLength(0);
            Write(head, output);
        });
        Assert.Equal(RequestFraming.None, head.Framing);
    }

    [Fact]
    public void A_new_head_has_no_fields_and_no_framing()
    {
        var head = new Http1RequestHead("PATCH", RequestTarget.Origin("/a"), "example.com");

        Assert.Equal("PATCH", head.Method);
        Assert.Equal(RequestTarget.Origin("/a"), head.Target);
        Assert.Equal("example.com", head.Host);
        Assert.Empty(head.Headers);
        Assert.Equal(RequestFraming.None, head.Framing);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new Http1RequestHead(null!, RequestTarget.Origin("/"), "h"));
        Assert.Throws<ArgumentNullException>(() => new Http1RequestHead("GET", RequestTarget.Origin("/"), null!));
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "h");
        Assert.Throws<ArgumentNullException>(() => head.Host = null!);
    }

    private static void Write(Http1RequestHead head, IBufferWriter<byte> output) => Http1RequestWriter.Write(head, output);

    private static void AssertRefused(string paramName, Action<ArrayBufferWriter<byte>> buildAndWrite)
    {
        var output = new ArrayBufferWriter<byte>();
        var error = Assert.ThrowsAny<ArgumentException>(() => buildAndWrite(output));

        Assert.Equal(paramName, error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }
}
