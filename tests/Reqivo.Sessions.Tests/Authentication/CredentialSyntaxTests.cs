using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>The character classes used to write credentials: printable ASCII for quoted values, RFC 8187 attr-char for ext-values.</summary>
public sealed class CredentialSyntaxTests
{
    [Theory]
    [InlineData(" ", true)]
    [InlineData("~", true)]
    [InlineData("a b~!", true)]
    [InlineData("\u001f", false)]
    [InlineData("\u007f", false)]
    [InlineData("\u00e9", false)]
    public void Printable_ascii_runs_from_space_to_tilde(string text, bool printable)
    {
        Assert.Equal(printable, CredentialSyntax.IsPrintableAscii(text));
    }

    [Fact]
    public void Every_attr_char_is_kept_as_it_is()
    {
        const string AttrChars = "!#$&+-.^_`|~azAZ09";

        Assert.Equal("UTF-8''" + AttrChars, CredentialSyntax.EncodeExtValue(AttrChars));
    }

    [Theory]
    [InlineData(" ", "%20")]
    [InlineData("%", "%25")]
    [InlineData("'", "%27")]
    [InlineData("*", "%2A")]
    [InlineData("\"", "%22")]
    [InlineData("\u007f", "%7F")]
    [InlineData("\u0080", "%C2%80")]
    [InlineData("J\u00e4s\u00f8n Doe", "J%C3%A4s%C3%B8n%20Doe")]
    public void Other_characters_are_percent_encoded_utf8(string text, string encoded)
    {
        Assert.Equal("UTF-8''" + encoded, CredentialSyntax.EncodeExtValue(text));
    }
}
