using System;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Internal;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>Base URL resolution (RFC 3986 §5.2, with the §5.4 examples) and the query parameter builder.</summary>
public sealed class TargetResolutionTests
{
    public static TheoryData<string, string, string> Rfc3986NormalExamples => new()
    {
        // RFC 3986 §5.4.1, base "http://a/b/c/d;p?q".
        { "http://a/b/c/d;p?q", "g", "http://a/b/c/g" },
        { "http://a/b/c/d;p?q", "./g", "http://a/b/c/g" },
        { "http://a/b/c/d;p?q", "g/", "http://a/b/c/g/" },
        { "http://a/b/c/d;p?q", "/g", "http://a/g" },
        { "http://a/b/c/d;p?q", "//g", "http://g/" },
        { "http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y" },
        { "http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y" },
        { "http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s" },
        { "http://a/b/c/d;p?q", ";x", "http://a/b/c/;x" },
        { "http://a/b/c/d;p?q", "", "http://a/b/c/d;p?q" },
        { "http://a/b/c/d;p?q", ".", "http://a/b/c/" },
        { "http://a/b/c/d;p?q", "..", "http://a/b/" },
        { "http://a/b/c/d;p?q", "../g", "http://a/b/g" },
        { "http://a/b/c/d;p?q", "../..", "http://a/" },
        { "http://a/b/c/d;p?q", "../../g", "http://a/g" },
        // RFC 3986 §5.4.2 abnormal: more ".." than segments stop at the root.
        { "http://a/b/c/d;p?q", "../../../g", "http://a/g" },
        // The trailing-slash rule of a base address.
        { "http://h/a/b/", "c", "http://h/a/b/c" },
        { "http://h/a/b", "c", "http://h/a/c" },
        { "http://h/a/b/", "/c", "http://h/c" },
        { "http://h/a/b/", "../c", "http://h/a/c" },
        { "http://h/a/b/", "?x=1", "http://h/a/b/?x=1" },
        { "http://h/a/b/", "https://other/x", "https://other/x" },
    };

    [Theory]
    [MemberData(nameof(Rfc3986NormalExamples))]
    public void A_relative_URI_resolves_against_the_base_address_per_RFC_3986(string baseAddress, string relative, string expected)
    {
        Uri resolved = TargetResolver.Resolve(new Uri(baseAddress), new Uri(relative, UriKind.RelativeOrAbsolute), null);

        Assert.Equal(expected, resolved.AbsoluteUri);
    }

    [Fact]
    public void A_relative_URI_without_a_base_address_or_a_scheme_other_than_http_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TargetResolver.Resolve(null, new Uri("c", UriKind.Relative), null));
        Assert.Throws<ArgumentException>(() => TargetResolver.Resolve(null, new Uri("ftp://h/c"), null));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("é", "%C3%A9")]
    [InlineData("€", "%E2%82%AC")]
    [InlineData("&=+#?/%", "%26%3D%2B%23%3F%2F%25")]
    [InlineData("AZaz09-._~", "AZaz09-._~")]
    [InlineData("😀", "%F0%9F%98%80")]
    public void Query_names_and_values_are_UTF_8_percent_encoded(string text, string expected)
    {
        Assert.Equal(expected, QueryParameters.Encode(text));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_replaced()
    {
        Assert.ThrowsAny<ArgumentException>(() => QueryParameters.Encode("\uD800"));
    }

    [Fact]
    public void Parameters_keep_their_order_repeat_names_and_allow_a_name_without_value()
    {
        var query = new QueryParameters().Add("tag", "a").Add("tag", "b c").Add("flag", null).Add("empty", "");

        Assert.Equal("tag=a&tag=b%20c&flag&empty=", query.ToString());
        Assert.Equal(4, query.Count);
    }

    [Theory]
    [InlineData("http://h/p", "http://h/p?q=1%262")]
    [InlineData("http://h/p?a=1", "http://h/p?a=1&q=1%262")]
    [InlineData("http://h/p?", "http://h/p?q=1%262")]
    [InlineData("http://h/p#frag", "http://h/p?q=1%262#frag")]
    public void Parameters_are_appended_to_the_query_the_URI_already_has(string uri, string expected)
    {
        var query = new QueryParameters().Add("q", "1&2");

        Assert.Equal(expected, TargetResolver.Resolve(null, new Uri(uri), query).AbsoluteUri);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task The_request_line_carries_the_resolved_path_and_the_encoded_query(bool async)
    {
        await using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        using var session = new Session(new SessionOptions { BaseAddress = new Uri(Scripts.HttpBase(server), "api/v1/") });
        var request = new Request(HttpMethods.Get, "items?page=2");
        request.Query.Add("q", "red shoes").Add("lang", "fr-é");

        using Response response = await session.SendAsync(request, async);

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("GET /api/v1/items?page=2&q=red%20shoes&lang=fr-%C3%A9 HTTP/1.1\r\n", (await server.WaitForConnectionAsync(0)).ReceivedText, StringComparison.Ordinal);
        PoolAssert.Settled(session, idle: 1);
    }
}
