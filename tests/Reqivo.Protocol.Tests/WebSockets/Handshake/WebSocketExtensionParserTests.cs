using System;
using System.Linq;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>The RFC 6455 §9.1 grammar of Sec-WebSocket-Extensions, including hostile input.</summary>
public sealed class WebSocketExtensionParserTests
{
    [Fact]
    public void Extensions_and_parameters_are_read_in_order()
    {
        var extensions = WebSocketExtensionParser.Parse("permessage-deflate; client_max_window_bits=10; server_no_context_takeover, x-foo");

        Assert.Equal(["permessage-deflate", "x-foo"], extensions.Select(e => e.Name));
        Assert.Equal(["client_max_window_bits", "server_no_context_takeover"], extensions[0].Parameters.Select(p => p.Name));
        Assert.Equal("10", extensions[0].Parameters[0].Value);
        Assert.Null(extensions[0].Parameters[1].Value);
        Assert.Empty(extensions[1].Parameters);
    }

    [Fact]
    public void Whitespace_around_separators_is_optional()
    {
        var extension = Assert.Single(WebSocketExtensionParser.Parse(" \tpermessage-deflate;server_max_window_bits = 9 ;client_no_context_takeover\t"));

        Assert.Equal("permessage-deflate; server_max_window_bits=9; client_no_context_takeover", extension.ToString());
    }

    [Fact]
    public void Quoted_values_are_unescaped()
    {
        var parameter = Assert.Single(Assert.Single(WebSocketExtensionParser.Parse("e; a=\"1\\0\"")).Parameters);

        Assert.Equal("10", parameter.Value);
    }

    [Fact]
    public void Empty_list_elements_are_skipped()
    {
        Assert.Equal(["a", "b"], WebSocketExtensionParser.Parse(", a ,, b ,").Select(e => e.Name));
        Assert.Empty(WebSocketExtensionParser.Parse(""));
    }

    [Fact]
    public void Several_field_lines_form_one_list()
    {
        Assert.Equal(["a", "b", "c"], WebSocketExtensionParser.Parse(new[] { "a", "b, c" }).Select(e => e.Name));
    }

    [Theory]
    [InlineData(";a", "no extension token")]
    [InlineData("a;", "no parameter name")]
    [InlineData("a; b=", "no value after '='")]
    [InlineData("a b", "two tokens without a separator")]
    [InlineData("a; b=\"10", "unterminated quoted-string")]
    [InlineData("a; b=\"1 0\"", "quoted value that is not a token")]
    [InlineData("a; b=\"\"", "empty quoted value")]
    [InlineData("a; b=\"x\\", "escape at the end")]
    [InlineData("a; b=c=d", "two '='")]
    [InlineData("a@b", "a separator inside a token")]
    [InlineData("a; b=\u00e9", "non-ASCII value")]
    [InlineData("a\r\n; b", "a control character")]
    public void Malformed_values_are_refused(string value, string why)
    {
        Assert.Throws<FormatException>(() => WebSocketExtensionParser.Parse(value));
        Assert.NotNull(why);
    }

    [Fact]
    public void The_number_of_extensions_is_bounded()
    {
        string many = string.Join(", ", Enumerable.Repeat("x", WebSocketExtensionParser.MaxExtensions + 1));

        Assert.Equal(WebSocketExtensionParser.MaxExtensions, WebSocketExtensionParser.Parse(string.Join(", ", Enumerable.Repeat("x", WebSocketExtensionParser.MaxExtensions))).Count);
        Assert.Throws<FormatException>(() => WebSocketExtensionParser.Parse(many));
    }

    [Fact]
    public void The_number_of_parameters_is_bounded()
    {
        string many = "x" + string.Concat(Enumerable.Repeat("; p", WebSocketExtensionParser.MaxParameters + 1));

        Assert.Throws<FormatException>(() => WebSocketExtensionParser.Parse(many));
    }

    [Fact]
    public void Random_input_only_ever_fails_with_a_format_exception()
    {
        const string alphabet = "ab=;,\" \\\t\r@é9";
        var random = new Random(11);
        for (int i = 0; i < 2000; i++)
        {
            char[] text = Enumerable.Range(0, random.Next(1, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            try
            {
                var parsed = WebSocketExtensionParser.Parse(new string(text));
                Assert.All(parsed, e => Assert.False(string.IsNullOrEmpty(e.Name)));
            }
            catch (FormatException)
            {
                // The only failure allowed.
            }
        }
    }
}
