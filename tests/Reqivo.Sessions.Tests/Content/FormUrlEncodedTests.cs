using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Reqivo;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>RequestBody.FromForm against the WHATWG URL Standard's application/x-www-form-urlencoded serializer.</summary>
public sealed class FormUrlEncodedTests
{
    public static TheoryData<string, string, string> Vectors => new()
    {
        { "a", "b", "a=b" },
        { "name", "John Smith", "name=John+Smith" },
        { "q", "a&b=c+d", "q=a%26b%3Dc%2Bd" },
        // The urlencoded set keeps only *-._ and alphanumerics; '~' is encoded, unlike in RFC 3986.
        { "keep", "*-._AZaz09", "keep=*-._AZaz09" },
        { "tilde", "~", "tilde=%7E" },
        { "reserved", "/?#[]@!$'(),;:", "reserved=%2F%3F%23%5B%5D%40%21%24%27%28%29%2C%3B%3A" },
        { "pct", "100%", "pct=100%25" },
        { "crlf", "a\r\nb", "crlf=a%0D%0Ab" },
        { "é", "ü", "%C3%A9=%C3%BC" },
        { "euro", "€", "euro=%E2%82%AC" },
        { "emoji", "😀", "emoji=%F0%9F%98%80" },
        // A lone surrogate is not a scalar value: UTF-8 encoding turns it into U+FFFD.
        { "lone", "\uD800", "lone=%EF%BF%BD" },
        { "", "", "=" },
        { "plus", "+", "plus=%2B" },
        { "tab", "\t", "tab=%09" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Pair_is_serialized_as_browsers_do(string name, string value, string expected)
    {
        RequestBody body = RequestBody.FromForm([new(name, value)]);

        RecordingSink sink = await RecordingSink.WriteAsync(body, async: false);

        Assert.Equal(expected, Encoding.ASCII.GetString(sink.Bytes));
        Assert.Equal(expected.Length, body.Length);
    }

    [Fact]
    public async Task Pairs_keep_their_order_and_repeated_names()
    {
        RequestBody body = RequestBody.FromForm([new("a", "1"), new("b", ""), new("a", "2 3")]);

        RecordingSink sink = await RecordingSink.WriteAsync(body, async: true);

        Assert.Equal("a=1&b=&a=2+3", Encoding.ASCII.GetString(sink.Bytes));
    }

    [Fact]
    public void Form_body_has_the_media_type_a_known_length_and_is_replayable()
    {
        RequestBody body = RequestBody.FromForm(new Dictionary<string, string> { ["x"] = "y" });

        Assert.Equal("application/x-www-form-urlencoded", body.ContentType);
        Assert.Equal(3, body.Length);
        Assert.True(body.IsReplayable);
    }

    [Fact]
    public async Task Empty_form_is_an_empty_body()
    {
        RequestBody body = RequestBody.FromForm([]);

        Assert.Equal(0, body.Length);
        Assert.Empty((await RecordingSink.WriteAsync(body, async: false)).Bytes);
    }

    [Fact]
    public void Null_fields_names_or_values_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => RequestBody.FromForm(null!));
        Assert.Throws<ArgumentNullException>(() => RequestBody.FromForm([new(null!, "v")]));
        Assert.Throws<ArgumentNullException>(() => RequestBody.FromForm([new("n", null!)]));
    }
}
