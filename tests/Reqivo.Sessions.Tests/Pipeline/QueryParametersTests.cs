using System;
using Reqivo;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>Query parameter arguments, method tokens and the empty query at resolution.</summary>
public sealed class QueryParametersTests
{
    [Fact]
    public void A_null_name_or_text_is_refused()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new QueryParameters().Add(null!, "v")).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => QueryParameters.Encode(null!)).ParamName);
    }

    [Fact]
    public void An_empty_parameter_list_leaves_the_URI_untouched()
    {
        Uri resolved = TargetResolver.Resolve(null, new Uri("http://example.com/p"), new QueryParameters());

        Assert.Equal("http://example.com/p", resolved.AbsoluteUri);
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("M-SEARCH", true)]
    [InlineData("X!#$%&'*+-.^_`|~9", true)]
    [InlineData("", false)]
    [InlineData("GE T", false)]
    [InlineData("GET(", false)]
    public void A_method_is_valid_when_it_is_a_token(string method, bool valid)
    {
        Assert.Equal(valid, HttpMethods.IsValid(method));
    }
}
