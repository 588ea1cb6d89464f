using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>RFC 7692 §7.1: answers exactly at the offered window sizes, every window value, and what each refusal names.</summary>
public sealed class PerMessageDeflateNegotiationEdgeTests
{
    private static readonly PerMessageDeflateOptions Plain = new();

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        WebSocketExtension response = Assert.Single(WebSocketExtensionParser.Parse("permessage-deflate"));

        Assert.Equal("offer", Assert.Throws<ArgumentNullException>(() => PerMessageDeflateNegotiation.Accept(null!, response)).ParamName);
        Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => PerMessageDeflateNegotiation.Accept(Plain, null!)).ParamName);
    }

    [Theory]
    [InlineData("8", 8)]
    [InlineData("9", 9)]
    [InlineData("10", 10)]
    [InlineData("11", 11)]
    [InlineData("12", 12)]
    [InlineData("13", 13)]
    [InlineData("14", 14)]
    [InlineData("15", 15)]
    public void Every_window_value_from_8_to_15_is_read_as_its_number(string value, int bits)
    {
        var offer = new PerMessageDeflateOptions { ClientMaxWindowBits = 15 };

        PerMessageDeflateParameters agreed = Accept(offer, $"permessage-deflate; server_max_window_bits={value}; client_max_window_bits={value}");

        Assert.Equal(bits, agreed.ServerMaxWindowBits);
        Assert.Equal(bits, agreed.ClientMaxWindowBits);
    }

    [Fact]
    public void The_server_may_answer_exactly_the_offered_server_window()
    {
        var offer = new PerMessageDeflateOptions { ServerMaxWindowBits = 10 };

        Assert.Equal(10, Accept(offer, "permessage-deflate; server_max_window_bits=10").ServerMaxWindowBits);
    }

    [Fact]
    public void The_server_may_answer_exactly_the_offered_client_window()
    {
        var offer = new PerMessageDeflateOptions { ClientMaxWindowBits = 10 };

        Assert.Equal(10, Accept(offer, "permessage-deflate; client_max_window_bits=10").ClientMaxWindowBits);
    }

    [Fact]
    public void One_above_the_offered_server_window_is_refused_naming_the_offer()
    {
        string message = Refused(new PerMessageDeflateOptions { ServerMaxWindowBits = 10 }, "permessage-deflate; server_max_window_bits=11");

        Assert.Contains("server_max_window_bits=10", message, StringComparison.Ordinal);
        Assert.Contains("RFC 7692 §7.1.2.1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unanswered_server_window_offer_is_refused_naming_the_offer()
    {
        string message = Refused(new PerMessageDeflateOptions { ServerMaxWindowBits = 12 }, "permessage-deflate");

        Assert.Contains("server_max_window_bits=12", message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_above_the_offered_client_window_is_refused_naming_the_offer()
    {
        string message = Refused(new PerMessageDeflateOptions { ClientMaxWindowBits = 10 }, "permessage-deflate; client_max_window_bits=11");

        Assert.Contains("client_max_window_bits above the offered 10", message, StringComparison.Ordinal);
        Assert.Contains("RFC 7692 §7.1.2.2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_client_window_value_is_refused_even_when_15_was_offered()
    {
        string message = Refused(new PerMessageDeflateOptions { ClientMaxWindowBits = 15 }, "permessage-deflate; client_max_window_bits=7");

        Assert.Contains("client_max_window_bits must have a value from 8 to 15", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_server_window_value_is_refused_naming_the_range()
    {
        string message = Refused(Plain, "permessage-deflate; server_max_window_bits=16");

        Assert.Contains("server_max_window_bits must have a value from 8 to 15 (RFC 7692 §7.1.2)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unoffered_client_window_is_refused_naming_the_parameter()
    {
        string message = Refused(Plain, "permessage-deflate; client_max_window_bits=10");

        Assert.Contains("client_max_window_bits, which the client did not offer", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server_no_context_takeover", "RFC 7692 §7.1.1.1")]
    [InlineData("client_no_context_takeover", "RFC 7692 §7.1.1.2")]
    public void A_no_context_takeover_with_a_value_is_refused_naming_the_parameter(string parameter, string section)
    {
        string message = Refused(Plain, $"permessage-deflate; {parameter}=1");

        Assert.Contains($"{parameter} takes no value", message, StringComparison.Ordinal);
        Assert.Contains(section, message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_parameter_is_refused_as_unknown_not_as_repeated()
    {
        string message = Refused(Plain, "permessage-deflate; x_window=10");

        Assert.Contains("unknown parameter 'x_window'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("more than once", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_parameter_is_refused_naming_it()
    {
        string message = Refused(Plain, "permessage-deflate; client_no_context_takeover; client_no_context_takeover");

        Assert.Contains("'client_no_context_takeover' appears more than once", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unechoed_server_no_context_takeover_is_refused_naming_it()
    {
        string message = Refused(new PerMessageDeflateOptions { ServerNoContextTakeover = true }, "permessage-deflate");

        Assert.Contains("server_no_context_takeover and the server did not agree", message, StringComparison.Ordinal);
    }

    private static PerMessageDeflateParameters Accept(PerMessageDeflateOptions offer, string response) =>
        PerMessageDeflateNegotiation.Accept(offer, Assert.Single(WebSocketExtensionParser.Parse(response)));

    private static string Refused(PerMessageDeflateOptions offer, string response)
    {
        var error = Assert.Throws<WebSocketHandshakeException>(() => Accept(offer, response));
        Assert.Equal(WebSocketHandshakeError.InvalidExtensionParameters, error.Error);
        return error.Message;
    }
}
