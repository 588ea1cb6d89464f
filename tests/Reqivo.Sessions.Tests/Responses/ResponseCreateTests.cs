using System;
using Reqivo;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Responses;

/// <summary>Responses a hook makes without a server: argument checks and what they carry.</summary>
public sealed class ResponseCreateTests
{
    private static readonly Request Get = new(HttpMethods.Get, "http://example.com/x");

    [Fact]
    public void A_null_request_is_refused()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Response.Create(null!, 200));

        Assert.Equal("request", error.ParamName);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1000)]
    public void A_status_outside_100_to_999_is_refused(int status)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Response.Create(Get, status));

        Assert.Equal("statusCode", error.ParamName);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(999)]
    public void The_status_range_includes_its_ends(int status)
    {
        Assert.Equal(status, Response.Create(Get, status).StatusCode);
    }

    [Fact]
    public void The_given_head_and_body_are_carried()
    {
        var headers = new HttpHeaders();
        headers.Add("X-Stub", "1");

        using Response response = Response.Create(Get, 418, headers, new byte[] { 1, 2 }, "Teapot");

        Assert.Same(Get, response.Request);
        Assert.Equal(Get.Uri, response.Uri);
        Assert.Equal("Teapot", response.ReasonPhrase);
        Assert.Same(headers, response.Headers);
        Assert.Equal(new byte[] { 1, 2 }, response.ReadAsBytes());
        Assert.True(response.IsBuffered);
    }

    [Fact]
    public void Without_a_reason_or_headers_they_are_empty()
    {
        using Response response = Response.Create(Get, 200);

        Assert.Equal(string.Empty, response.ReasonPhrase);
        Assert.Empty(response.Headers);
        Assert.Empty(response.ReadAsBytes());
    }
}
