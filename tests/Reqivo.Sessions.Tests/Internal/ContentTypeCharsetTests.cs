using System.Text;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Internal;

/// <summary>The charset parameter of a Content-Type (RFC 9110 §8.3.1) chooses the text encoding.</summary>
public sealed class ContentTypeCharsetTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("text/plain; format=flowed")]
    [InlineData("text/plain; charset=x-no-such-charset")]
    public void No_known_charset_gives_no_encoding(string? contentType)
    {
        Assert.Null(ContentTypeCharset.GetEncoding(contentType));
    }

    [Theory]
    [InlineData("text/html; charset=iso-8859-1")]
    [InlineData("text/html;charset=ISO-8859-1")]
    [InlineData("text/html; format=flowed; Charset=\"iso-8859-1\"")]
    [InlineData("text/html; charset= iso-8859-1 ; q=1")]
    public void The_charset_parameter_names_the_encoding_wherever_it_stands(string contentType)
    {
        Encoding? encoding = ContentTypeCharset.GetEncoding(contentType);
        Assert.NotNull(encoding);
        Assert.Equal(28591, encoding.CodePage);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    public void Utf8_is_recognised_in_any_case(string contentType)
    {
        Assert.Same(Encoding.UTF8, ContentTypeCharset.GetEncoding(contentType));
    }

    [Fact]
    public void The_first_charset_parameter_decides_even_when_it_is_unknown()
    {
        Assert.Null(ContentTypeCharset.GetEncoding("text/plain; charset=x-no-such-charset; charset=iso-8859-1"));
    }
}
