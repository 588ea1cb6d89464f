using System;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

public sealed class RequestFramingTests
{
    [Fact]
    public void None_is_the_default_and_has_no_length()
    {
        Assert.Equal(RequestFramingKind.None, RequestFraming.None.Kind);
        Assert.Equal(0, RequestFraming.None.Length);
        Assert.Equal(default, RequestFraming.None);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void ContentLength_carries_its_length(long length)
    {
        RequestFraming framing = RequestFraming.ContentLength(length);

        Assert.Equal(RequestFramingKind.ContentLength, framing.Kind);
        Assert.Equal(length, framing.Length);
        Assert.NotEqual(RequestFraming.None, framing);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void ContentLength_refuses_a_negative_length(long length)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RequestFraming.ContentLength(length));

        Assert.Equal("length", error.ParamName);
    }

    [Fact]
    public void Chunked_has_its_own_kind()
    {
        Assert.Equal(RequestFramingKind.Chunked, RequestFraming.Chunked.Kind);
        Assert.Equal(0, RequestFraming.Chunked.Length);
        Assert.Equal(RequestFraming.Chunked, RequestFraming.Chunked);
    }

    [Fact]
    public void ForBody_picks_none_content_length_or_chunked()
    {
        Assert.Equal(RequestFraming.None, RequestFraming.ForBody(null, hasBody: false));
        Assert.Equal(RequestFraming.None, RequestFraming.ForBody(0, hasBody: false));
        Assert.Equal(RequestFraming.ContentLength(0), RequestFraming.ForBody(0, hasBody: true));
        Assert.Equal(RequestFraming.ContentLength(10), RequestFraming.ForBody(10, hasBody: true));
        Assert.Equal(RequestFraming.Chunked, RequestFraming.ForBody(null, hasBody: true));
    }

    [Fact]
    public void ForBody_refuses_a_length_without_a_body_or_a_negative_length()
    {
        var contradiction = Assert.Throws<ArgumentException>(() => RequestFraming.ForBody(5, hasBody: false));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => RequestFraming.ForBody(-1, hasBody: true));

        Assert.Equal("knownLength", contradiction.ParamName);
        Assert.Equal("length", negative.ParamName);
    }
}
