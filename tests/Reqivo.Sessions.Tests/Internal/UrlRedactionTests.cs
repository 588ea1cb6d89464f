using System;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Internal;

/// <summary>What a URL looks like once it is safe for logs and exception messages.</summary>
public sealed class UrlRedactionTests
{
    [Fact]
    public void A_missing_url_is_named_as_such()
    {
        Assert.Equal("(no URL)", UrlRedactor.Redact(null));
    }

    [Fact]
    public void User_information_is_replaced_and_the_rest_is_kept()
    {
        Assert.Equal(
            "https://REDACTED@example.com:8443/a/b",
            UrlRedactor.Redact(new Uri("https://alice:hunter2@example.com:8443/a/b")));
    }

    [Fact]
    public void A_url_without_query_or_user_information_is_unchanged()
    {
        Assert.Equal("http://example.com/a", UrlRedactor.Redact(new Uri("http://example.com/a")));
    }

    [Theory]
    [InlineData("token")]
    [InlineData("api_key")]
    [InlineData("client_secret")]
    [InlineData("password")]
    [InlineData("passwd")]
    [InlineData("pwd")]
    [InlineData("Authorization")]
    [InlineData("X-Amz-Signature")]
    [InlineData("sig")]
    [InlineData("sessionid")]
    [InlineData("credentials")]
    [InlineData("code")]
    public void A_parameter_whose_name_suggests_a_secret_loses_its_value(string name)
    {
        Assert.Equal(
            $"https://example.com/cb?{name}=REDACTED",
            UrlRedactor.Redact(new Uri($"https://example.com/cb?{name}=s3cr3t")));
    }

    [Fact]
    public void Only_secret_values_are_replaced_and_the_pairs_keep_their_order_and_separators()
    {
        Assert.Equal(
            "https://example.com/search?page=2&access_token=REDACTED&q=cats",
            UrlRedactor.Redact(new Uri("https://example.com/search?page=2&access_token=abc&q=cats")));
    }

    [Theory]
    [InlineData("?flag&token", "?flag&token")] // no '=': nothing to hide, the name is kept as is
    [InlineData("?=secret", "?=secret")] // an empty name suggests nothing
    [InlineData("?page=2&&x=1", "?page=2&&x=1")]
    public void Pairs_without_a_secret_value_are_copied_verbatim(string query, string expected)
    {
        Assert.Equal("https://example.com/p" + expected, UrlRedactor.Redact(new Uri("https://example.com/p" + query)));
    }

    [Fact]
    public void A_relative_url_keeps_its_path_and_has_its_query_redacted()
    {
        Assert.Equal(
            "/login?user=bob&password=REDACTED",
            UrlRedactor.Redact(new Uri("/login?user=bob&password=pw", UriKind.Relative)));
    }

    [Fact]
    public void A_relative_url_without_query_is_unchanged()
    {
        Assert.Equal("../a/b", UrlRedactor.Redact(new Uri("../a/b", UriKind.Relative)));
    }
}
