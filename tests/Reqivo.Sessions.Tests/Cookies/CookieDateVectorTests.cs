using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Reqivo.Cookies;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>The http-state date suites (examples.json, bsd-examples.json): RFC 6265 §5.1.1 cookie-date parsing.</summary>
public sealed class CookieDateVectorTests
{
    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            if (TestVectors.Root is null)
            {
                return data;
            }

            foreach (string file in new[] { "examples.json", "bsd-examples.json" })
            {
                for (int i = 0; i < Load(file).Length; i++)
                {
                    data.Add(file, i);
                }
            }

            return data;
        }
    }

    [VectorTheory]
    [MemberData(nameof(Cases))]
    public void Date_parses_to_the_expected_instant_or_fails(string file, int index)
    {
        (string test, string? expected) = Load(file)[index];
        bool parsed = CookieDate.TryParse(test, out DateTimeOffset value);
        if (expected is null)
        {
            Assert.False(parsed, $"'{test}' should not parse");
            return;
        }

        Assert.True(parsed, $"'{test}' should parse");

        // The files give IMF-fixdates whose weekday is sometimes wrong ("Wed, 18 Apr 2007"): compare the instant only.
        DateTimeOffset want = DateTimeOffset.ParseExact(expected[5..], "dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(want, value);
    }

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", 1994, 11, 6)]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", 1994, 11, 6)]
    [InlineData("Sun Nov  6 08:49:37 1994", 1994, 11, 6)]
    [InlineData("Mon, 01 Jan 2069 00:00:00 GMT", 2069, 1, 1)]
    [InlineData("1 jan 69 00:00:00", 2069, 1, 1)]
    [InlineData("1 jan 70 00:00:00", 1970, 1, 1)]
    public void Three_http_date_formats_and_two_digit_years(string text, int year, int month, int day)
    {
        Assert.True(CookieDate.TryParse(text, out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(year, month, day, value.Hour, value.Minute, value.Second, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("31 Feb 2020 00:00:00")]
    [InlineData("1 Jan 1600 00:00:00")]
    [InlineData("1 Jan 2020 24:00:00")]
    [InlineData("1 Jan 2020 23:60:00")]
    [InlineData("1 Jan 2020 23:00:60")]
    [InlineData("0 Jan 2020 23:00:00")]
    [InlineData("1 Jan 2020")]
    [InlineData("")]
    public void Out_of_range_or_missing_components_fail(string text)
    {
        Assert.False(CookieDate.TryParse(text, out _));
    }

    private static (string Test, string? Expected)[] Load(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("cookies/http-state/dates/" + file)));
        return document.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("test").GetString()!, item.GetProperty("expected").GetString()))
            .ToArray();
    }
}
