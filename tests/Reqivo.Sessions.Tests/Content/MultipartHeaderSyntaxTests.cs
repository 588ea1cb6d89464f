using System;
using System.Text;
using Reqivo.Bodies;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>The text of a part head: escaped names (WHATWG form-data encoding), checked content types, the boundary checks.</summary>
public sealed class MultipartHeaderSyntaxTests
{
    [Theory]
    [InlineData("\"quoted\"", "%22quoted%22")]
    [InlineData("\r\nx", "%0D%0Ax")]
    [InlineData("\nx", "%0Ax")]
    [InlineData("a\\b", "a\\b")]
    [InlineData("plain", "plain")]
    public void Names_escape_line_breaks_and_quotes_even_in_first_position(string name, string escaped)
    {
        Assert.Equal(escaped, MultipartHeaders.Escape(name));
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x~y")]
    [InlineData("text/plain;\tq=1")]
    public void Visible_ascii_content_types_with_spaces_are_accepted(string contentType)
    {
        byte[] head = MultipartHeaders.PartHead("b0undary", "f", null, contentType);

        Assert.Contains("Content-Type: " + contentType + "\r\n", Encoding.UTF8.GetString(head), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain\r\nX-Injected: 1")]
    [InlineData("text/\u007fplain")]
    [InlineData("text/pl\u00e4in")]
    public void Content_types_with_controls_or_non_ascii_are_refused(string contentType)
    {
        var error = Assert.Throws<ArgumentException>(() => MultipartHeaders.PartHead("b0undary", "f", null, contentType));

        Assert.Equal("contentType", error.ParamName);
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("boundary", Assert.Throws<ArgumentNullException>(() => MultipartHeaders.ValidateBoundary(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => MultipartHeaders.PartHead("b0undary", null!, null, null)).ParamName);
    }
}
