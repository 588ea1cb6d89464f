using System;
using Reqivo.Protocol;

namespace Reqivo.Protocol.Tests.Fields;

public sealed class HttpHeadersTests
{
    [Fact]
    public void Lookups_ignore_ascii_case_and_return_the_first_value()
    {
        var headers = new HttpHeaders();
        headers.Add("Accept", "a");
        headers.Add("ACCEPT", "b");

        Assert.True(headers.TryGetValue("accept", out string? value));
        Assert.Equal("a", value);
        Assert.Equal(["a", "b"], headers.GetValues("Accept"));
        Assert.Equal("a, b", headers.GetCombinedValue("accept"));
    }

    [Fact]
    public void Duplicate_set_cookie_lines_stay_separate_and_in_order()
    {
        var headers = new HttpHeaders();
        headers.Add("Set-Cookie", "a=1; Path=/");
        headers.Add("X-Other", "x");
        headers.Add("Set-Cookie", "b=2, c=3");

        Assert.Equal(3, headers.Count);
        Assert.Equal(["a=1; Path=/", "b=2, c=3"], headers.GetValues("set-cookie"));
        Assert.Equal(new HttpField("X-Other", "x"), headers[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bad Name")]
    [InlineData("Bad:Name")]
    [InlineData("Bad\r\nName")]
    [InlineData("Ünicode")]
    [InlineData("(paren)")]
    public void Names_that_are_not_tokens_are_refused(string name)
    {
        var headers = new HttpHeaders();
        var error = Assert.Throws<ArgumentException>(() => headers.Add(name, "v"));

        Assert.Equal("name", error.ParamName);
        Assert.Empty(headers);
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\0b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0001b")]
    public void Values_with_control_characters_are_refused_naming_the_field(string value)
    {
        var headers = new HttpHeaders();
        var error = Assert.Throws<ArgumentException>(() => headers.Add("X-Custom", value));

        Assert.Equal("value", error.ParamName);
        Assert.Contains("X-Custom", error.Message, StringComparison.Ordinal);
        Assert.Empty(headers);
    }

    [Fact]
    public void Tabs_inside_values_are_allowed_and_surrounding_whitespace_is_trimmed()
    {
        var headers = new HttpHeaders();
        headers.Add("X-Tab", " \ta\tb \t");

        Assert.Equal("a\tb", headers[0].Value);
    }

    [Fact]
    public void Set_replaces_every_line_with_one()
    {
        var headers = new HttpHeaders();
        headers.Add("Accept", "a");
        headers.Add("X", "1");
        headers.Add("accept", "b");

        headers.Set("ACCEPT", "c");

        Assert.Equal(2, headers.Count);
        Assert.Equal(new HttpField("X", "1"), headers[0]);
        Assert.Equal(new HttpField("ACCEPT", "c"), headers[1]);
    }

    [Fact]
    public void Remove_reports_whether_anything_was_removed()
    {
        var headers = new HttpHeaders();
        headers.Add("A", "1");
        headers.Add("B", "2");
        headers.Add("a", "3");

        Assert.True(headers.Remove("A"));
        Assert.False(headers.Remove("A"));
        Assert.Equal("B", Assert.Single(headers).Name);
        Assert.False(headers.Contains("a"));
    }

    [Fact]
    public void Missing_names_give_nothing()
    {
        var headers = new HttpHeaders();

        Assert.False(headers.TryGetValue("Nope", out string? value));
        Assert.Null(value);
        Assert.Empty(headers.GetValues("Nope"));
        Assert.Null(headers.GetCombinedValue("Nope"));
    }

    [Fact]
    public void The_struct_enumerator_walks_lines_in_order()
    {
        var headers = new HttpHeaders(0);
        headers.Add("A", "1");
        headers.Add("B", "2");
        headers.Add("C", "3");

        string seen = "";
        foreach (HttpField field in headers)
        {
            seen += field.Name + field.Value;
        }

        Assert.Equal("A1B2C3", seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => headers[3]);
    }

    [Fact]
    public void Clear_empties_the_collection()
    {
        var headers = new HttpHeaders();
        headers.Add("A", "1");

        headers.Clear();

        Assert.Empty(headers);
        Assert.Equal("", headers.ToString());
    }
}
