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
    public void A_value_without_surrounding_whitespace_is_stored_as_is()
    {
        var headers = new HttpHeaders();
        string value = "Reqivo/0.1";

        headers.Add("User-Agent", value);
        headers.Set("X-Other", value);

        Assert.Same(value, headers[0].Value);
        Assert.Same(value, headers[1].Value);
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

    [Fact]
    public void Null_names_and_values_are_refused_as_null_arguments()
    {
        var headers = new HttpHeaders();

        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => headers.Add(null!, "v")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => headers.Add("A", null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => headers.Set(null!, "v")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => headers.Set("A", null!)).ParamName);
        Assert.Empty(headers);
    }

    [Fact]
    public void Lookups_with_a_null_name_are_refused()
    {
        var headers = new HttpHeaders();
        headers.Add("A", "1");

        Assert.Throws<ArgumentNullException>(() => headers.Remove(null!));
        Assert.Throws<ArgumentNullException>(() => headers.Contains(null!));
        Assert.Throws<ArgumentNullException>(() => headers.TryGetValue(null!, out _));
        Assert.Throws<ArgumentNullException>(() => headers.GetValues(null!));
        Assert.Throws<ArgumentNullException>(() => headers.GetCombinedValue(null!));
        Assert.Single(headers);
    }

    [Fact]
    public void A_negative_capacity_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpHeaders(-1));
    }

    [Fact]
    public void Adding_up_to_the_capacity_allocates_no_more_room()
    {
        // The baseline adds the same lines to a collection whose room is already there (Clear keeps it), so the
        // only difference a too-small first array could make is its growth.
        var fresh = new HttpHeaders(3);
        var reused = new HttpHeaders(3);
        AddThree(reused);
        reused.Clear();
        AddThree(new HttpHeaders(3));

        long baseline = AllocatedBy(() => AddThree(reused));
        long allocated = AllocatedBy(() => AddThree(fresh));

        Assert.Equal(baseline, allocated);
        Assert.Equal(3, fresh.Count);

        static void AddThree(HttpHeaders headers)
        {
            headers.Add("A", "1");
            headers.Add("B", "2");
            headers.Add("C", "3");
        }

        static long AllocatedBy(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [Fact]
    public void A_control_character_is_refused_even_as_the_first_character_of_a_value()
    {
        var headers = new HttpHeaders();

        Assert.Equal("value", Assert.Throws<ArgumentException>(() => headers.Add("X", "\nX-Injected: 1")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => headers.Add("X", "\0")).ParamName);
        Assert.Empty(headers);
    }

    [Fact]
    public void Set_validates_like_Add_and_leaves_the_lines_unchanged_on_refusal()
    {
        var headers = new HttpHeaders();
        headers.Add("Accept", "a");

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => headers.Set("Bad Name", "v")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => headers.Set("Accept", "b\r\nX: 1")).ParamName);
        Assert.Equal(new HttpField("Accept", "a"), Assert.Single(headers));
    }

    [Fact]
    public void Contains_finds_the_first_line_too()
    {
        var headers = new HttpHeaders();
        headers.Add("First", "1");
        headers.Add("Second", "2");

        Assert.True(headers.Contains("first"));
        Assert.True(headers.Contains("SECOND"));
    }

    [Fact]
    public void Lookups_on_a_full_collection_stop_at_the_last_line()
    {
        // Capacity exactly the line count: a lookup that read one slot too far would fail here.
        var headers = new HttpHeaders(2);
        headers.Add("A", "1");
        headers.Add("B", "2");

        Assert.Equal(["2"], headers.GetValues("B"));
        Assert.Equal("2", headers.GetCombinedValue("b"));
        Assert.Empty(headers.GetValues("C"));
        Assert.Null(headers.GetCombinedValue("C"));
    }

    [Fact]
    public void Removing_from_a_full_collection_keeps_the_other_lines_in_order()
    {
        var headers = new HttpHeaders(3);
        headers.Add("A", "1");
        headers.Add("B", "2");
        headers.Add("C", "3");

        Assert.True(headers.Remove("b"));

        Assert.Equal([new HttpField("A", "1"), new HttpField("C", "3")], headers);
        headers.Add("D", "4");
        Assert.Equal("A: 1\nC: 3\nD: 4\n", headers.ToString());
    }

    [Fact]
    public void The_combined_value_is_the_single_value_or_every_value_joined_in_order()
    {
        var headers = new HttpHeaders();
        headers.Add("X-Other", "o");
        headers.Add("Vary", "Accept");
        headers.Add("X-Other", "p");
        headers.Add("vary", "Accept-Encoding");
        headers.Add("VARY", "Origin");
        headers.Add("Only", "once");

        Assert.Equal("Accept, Accept-Encoding, Origin", headers.GetCombinedValue("Vary"));
        Assert.Equal("o, p", headers.GetCombinedValue("x-other"));
        Assert.Equal("once", headers.GetCombinedValue("Only"));
    }

    [Fact]
    public void ToString_lists_every_line_as_name_colon_value()
    {
        var headers = new HttpHeaders();
        headers.Add("Accept", "a");
        headers.Add("X-Two", "b c");

        Assert.Equal("Accept: a\nX-Two: b c\n", headers.ToString());
    }
}
