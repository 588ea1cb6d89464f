using System;

namespace Reqivo.Protocol.Tests.Fields;

/// <summary>
/// Caller input quoted in an exception message is made safe first: exception messages end up in logs, so a CR, LF or
/// other control character from the input must not reach them, and a huge input must not be copied whole.
/// </summary>
public sealed class FieldSyntaxTests
{
    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("a\r\nX-Injected: 1", "a??X-Injected: 1")]
    [InlineData("\0\u0001\u001F \u007F~", "??? ?~")]
    [InlineData("tab\there", "tab?here")]
    [InlineData("caf\u00E9 \u0080", "caf\u00E9 \u0080")]
    public void Printable_replaces_every_control_character_and_keeps_the_rest(string input, string expected)
    {
        Assert.Equal(expected, FieldSyntax.Printable(input));
    }

    [Fact]
    public void Printable_keeps_64_characters_whole_and_cuts_longer_input_with_an_ellipsis()
    {
        string exactly64 = new('a', 64);
        string longer = new string('b', 64) + "\r\ntail";

        Assert.Equal(exactly64, FieldSyntax.Printable(exactly64));
        Assert.Equal(new string('b', 64) + "\u2026", FieldSyntax.Printable(longer));
        Assert.Equal("", FieldSyntax.Printable(""));
    }

    [Fact]
    public void Messages_about_invalid_names_never_carry_the_control_characters_of_the_input()
    {
        var headers = new HttpHeaders();

        var error = Assert.Throws<ArgumentException>(() => headers.Add("Bad\r\nSet-Cookie: x=1", "v"));

        Assert.DoesNotContain('\r', error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
