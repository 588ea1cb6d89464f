using System;
using System.Linq;
using Reqivo;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Wiring;

/// <summary>The request's own settings: method validation, the redirect limit, the query, and the fields a redirect copies.</summary>
public sealed class RequestOptionTests
{
    [Fact]
    public void A_null_method_is_refused_as_null()
    {
        var request = new Request(HttpMethods.Get, "http://example.com/");

        var error = Assert.Throws<ArgumentNullException>(() => request.Method = null!);

        Assert.Equal("method", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GE T")]
    [InlineData("GET\r\n")]
    public void A_method_that_is_not_a_token_is_refused(string method)
    {
        var request = new Request(HttpMethods.Get, "http://example.com/");

        var error = Assert.Throws<ArgumentException>(() => request.Method = method);

        Assert.Equal("method", error.ParamName);
        Assert.Equal(HttpMethods.Get, request.Method);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(5)]
    public void MaxRedirects_accepts_null_zero_and_more(int? limit)
    {
        var request = new Request(HttpMethods.Get, "http://example.com/") { MaxRedirects = limit };

        Assert.Equal(limit, request.MaxRedirects);
    }

    [Fact]
    public void A_negative_MaxRedirects_is_refused()
    {
        var request = new Request(HttpMethods.Get, "http://example.com/");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => request.MaxRedirects = -1);

        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public void Query_is_one_collection_for_the_life_of_the_request()
    {
        var request = new Request(HttpMethods.Get, "http://example.com/");

        request.Query.Add("a", "1");
        request.Query.Add("b", "2");

        Assert.Same(request.Query, request.Query);
        Assert.Equal("a=1&b=2", request.Query.ToString());
    }

    [Fact]
    public void A_redirect_that_keeps_the_content_keeps_every_field()
    {
        Request request = WithFields();

        Request next = request.ForRedirect(HttpMethods.Post, new Uri("http://example.com/next"), keepBody: true, dropCredentials: false);

        Assert.Equal(["Content-Type", "X-Trace", "Authorization"], next.Headers.Select(field => field.Name));
    }

    [Fact]
    public void A_redirect_without_the_content_drops_only_the_content_fields()
    {
        Request request = WithFields();

        Request next = request.ForRedirect(HttpMethods.Get, new Uri("http://example.com/next"), keepBody: false, dropCredentials: false);

        Assert.Equal(["X-Trace", "Authorization"], next.Headers.Select(field => field.Name));
    }

    [Fact]
    public void A_redirect_to_another_origin_drops_the_credentials()
    {
        Request request = WithFields();

        Request next = request.ForRedirect(HttpMethods.Post, new Uri("http://other.example/next"), keepBody: true, dropCredentials: true);

        Assert.Equal(["Content-Type", "X-Trace"], next.Headers.Select(field => field.Name));
    }

    private static Request WithFields()
    {
        var request = new Request(HttpMethods.Post, "http://example.com/");
        request.Headers.Add(HttpHeaderNames.ContentType, "text/plain");
        request.Headers.Add("X-Trace", "1");
        request.Headers.Add(HttpHeaderNames.Authorization, "Bearer t");
        return request;
    }
}
