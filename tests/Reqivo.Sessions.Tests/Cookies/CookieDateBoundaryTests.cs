using System;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>RFC 6265 §5.1.1 cookie-date: delimiters, the first-found rule for each component, and the range edges.</summary>
public sealed class CookieDateBoundaryTests
{
    [Theory]
    [InlineData("jan", 1)]
    [InlineData("Feb", 2)]
    [InlineData("MAR", 3)]
    [InlineData("april", 4)]
    [InlineData("may", 5)]
    [InlineData("jun", 6)]
    [InlineData("July", 7)]
    [InlineData("aug", 8)]
    [InlineData("sep", 9)]
    [InlineData("oct", 10)]
    [InlineData("nov", 11)]
    [InlineData("dec", 12)]
    public void Every_month_name_is_recognised_by_its_first_three_letters(string month, int expected)
    {
        Assert.True(CookieDate.TryParse($"1 {month} 2001 00:00:00", out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2001, expected, 1, 0, 0, 0, TimeSpan.Zero), value);
    }

    // delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E: both ends of every range.
    [Theory]
    [InlineData('\t')]
    [InlineData(' ')]
    [InlineData('/')]
    [InlineData(';')]
    [InlineData('@')]
    [InlineData('[')]
    [InlineData('`')]
    [InlineData('{')]
    [InlineData('~')]
    public void Each_delimiter_separates_tokens(char delimiter)
    {
        string text = string.Join(delimiter, "7", "Mar", "2001", "10:20:30");
        Assert.True(CookieDate.TryParse(text, out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2001, 3, 7, 10, 20, 30, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("1 Jan 99 00:00:00", 1999)]
    [InlineData("1 Jan 70 00:00:00", 1970)]
    [InlineData("1 Jan 69 00:00:00", 2069)]
    [InlineData("1 Jan 00 00:00:00", 2000)]
    [InlineData("1 Jan 1601 00:00:00", 1601)]
    public void Two_digit_years_and_the_earliest_year_map_as_the_rfc_says(string text, int year)
    {
        Assert.True(CookieDate.TryParse(text, out DateTimeOffset value));
        Assert.Equal(year, value.Year);
    }

    [Fact]
    public void The_first_time_token_wins_even_when_it_is_midnight()
    {
        Assert.True(CookieDate.TryParse("Mon, 01 Jan 2001 00:00:00 12:34:56 GMT", out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Fact]
    public void The_first_year_token_wins_even_when_it_is_00()
    {
        Assert.True(CookieDate.TryParse("Jan 1 00 1999 00:00:00", out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Fact]
    public void A_day_of_zero_is_kept_and_fails_instead_of_being_replaced_by_a_later_number()
    {
        Assert.False(CookieDate.TryParse("0 Jan 5 2001 00:00:00", out _));
    }

    [Fact]
    public void A_time_may_be_followed_by_non_digits()
    {
        Assert.True(CookieDate.TryParse("1 Jan 2001 10:20:30Z", out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2001, 1, 1, 10, 20, 30, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("Jan 1 2001 10:20:301")] // a third digit in the seconds field
    [InlineData("Jan 1 2001 010:20:30")] // a time-field has at most two digits
    [InlineData("Jan 1 2001 102030")] // colons are required between the fields
    [InlineData("Jan 1 2001 10-20-30")]
    public void A_malformed_time_is_no_time_so_the_date_fails(string text)
    {
        Assert.False(CookieDate.TryParse(text, out _));
    }
}
