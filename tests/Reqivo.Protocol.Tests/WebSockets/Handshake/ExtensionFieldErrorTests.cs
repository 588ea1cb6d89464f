using System;
using System.Linq;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>Sec-WebSocket-Extensions values that break RFC 6455 §9.1: each error names what was expected and where.</summary>
public sealed class ExtensionFieldErrorTests
{
    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => WebSocketExtensionParser.Parse((string)null!)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => WebSocketExtensionParser.Parse((string[])null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new WebSocketExtension(null!, [])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => new WebSocketExtension("x", null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new WebSocketExtensionParameter(null!, "1")).ParamName);
    }

    [Theory]
    [InlineData("=x", "at index 0 ('=')", "expected an extension token")]
    [InlineData("a; =1", "at index 3 ('=')", "expected a parameter name")]
    [InlineData("a; b=", "at the end", "expected a parameter value")]
    [InlineData("a;", "at the end", "expected a parameter name")]
    [InlineData("a b", "at index 2 ('b')", "expected ',' or ';'")]
    [InlineData("a; b=\"xy", "at index 5 ('\"')", "an unterminated quoted-string")]
    [InlineData("a; b=\"xy\\", "at index 5 ('\"')", "an unterminated quoted-string")]
    [InlineData("a; b=\"x y\"", "at index 5 ('\"')", "a quoted parameter value that is not a token (RFC 6455 §9.1)")]
    public void A_malformed_value_names_what_was_expected_and_where(string value, string where, string what)
    {
        var error = Assert.Throws<FormatException>(() => WebSocketExtensionParser.Parse(value));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_parameters_name_the_limit()
    {
        string value = "a" + string.Concat(Enumerable.Range(0, WebSocketExtensionParser.MaxParameters + 1).Select(i => $"; p{i}"));

        var error = Assert.Throws<FormatException>(() => WebSocketExtensionParser.Parse(value));

        Assert.Contains($"more than {WebSocketExtensionParser.MaxParameters} parameters on one extension", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_extensions_name_the_limit()
    {
        string value = string.Join(", ", Enumerable.Range(0, WebSocketExtensionParser.MaxExtensions + 1).Select(i => $"e{i}"));

        var error = Assert.Throws<FormatException>(() => WebSocketExtensionParser.Parse(value));

        Assert.Contains($"more than {WebSocketExtensionParser.MaxExtensions} extensions", error.Message, StringComparison.Ordinal);
    }
}
