using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>RFC 7692 §5 and §7.1: the offer the client writes and every rule a server's answer must follow.</summary>
public sealed class PerMessageDeflateNegotiationTests
{
    private static readonly PerMessageDeflateOptions Plain = new();

    [Fact]
    public void The_default_offer_is_the_bare_extension_token()
    {
        Assert.Equal("permessage-deflate", Plain.BuildOffer());
    }

    [Fact]
    public void Every_option_appears_in_the_offer()
    {
        var options = new PerMessageDeflateOptions
        {
            ClientNoContextTakeover = true,
            ServerNoContextTakeover = true,
            ServerMaxWindowBits = 10,
            ClientMaxWindowBits = 12,
        };

        Assert.Equal(
            "permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=12",
            options.BuildOffer());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(0)]
    public void Window_bits_outside_8_to_15_are_refused(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { ServerMaxWindowBits = bits });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { ClientMaxWindowBits = bits });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateParameters(false, false, bits, 15));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public void Compression_levels_outside_0_to_9_are_refused(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerMessageDeflateOptions { CompressionLevel = level });
    }

    [Fact]
    public void Messages_below_the_threshold_are_not_worth_compressing()
    {
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default, new PerMessageDeflateOptions { CompressionThreshold = 100 });

        Assert.False(compressor.ShouldCompress(99));
        Assert.True(compressor.ShouldCompress(100));
    }

    [Fact]
    public void A_bare_response_agrees_to_the_defaults()
    {
        PerMessageDeflateParameters agreed = Accept(Plain, "permessage-deflate");

        Assert.False(agreed.ClientNoContextTakeover);
        Assert.False(agreed.ServerNoContextTakeover);
        Assert.Equal(15, agreed.ClientMaxWindowBits);
        Assert.Equal(15, agreed.ServerMaxWindowBits);
    }

    [Fact]
    public void The_server_may_impose_client_no_context_takeover_unasked()
    {
        Assert.True(Accept(Plain, "permessage-deflate; client_no_context_takeover").ClientNoContextTakeover);
    }

    [Fact]
    public void The_server_may_state_its_own_window_unasked()
    {
        Assert.Equal(10, Accept(Plain, "permessage-deflate; server_max_window_bits=10").ServerMaxWindowBits);
    }

    [Fact]
    public void The_server_may_lower_the_offered_client_window()
    {
        var offer = new PerMessageDeflateOptions { ClientMaxWindowBits = 12 };

        Assert.Equal(9, Accept(offer, "permessage-deflate; client_max_window_bits=9").ClientMaxWindowBits);
        Assert.Equal(12, Accept(offer, "permessage-deflate").ClientMaxWindowBits);
    }

    [Fact]
    public void A_quoted_window_value_is_the_same_value()
    {
        Assert.Equal(11, Accept(Plain, "permessage-deflate; server_max_window_bits=\"11\"").ServerMaxWindowBits);
    }

    [Fact]
    public void Requested_server_parameters_are_honoured_when_echoed()
    {
        var offer = new PerMessageDeflateOptions { ServerNoContextTakeover = true, ServerMaxWindowBits = 12 };

        PerMessageDeflateParameters agreed = Accept(offer, "permessage-deflate; server_no_context_takeover; server_max_window_bits=10");

        Assert.True(agreed.ServerNoContextTakeover);
        Assert.Equal(10, agreed.ServerMaxWindowBits);
    }

    [Fact]
    public void Rule_a_parameter_appears_at_most_once() =>
        Refused(Plain, "permessage-deflate; server_no_context_takeover; server_no_context_takeover");

    [Fact]
    public void Rule_a_window_parameter_appears_at_most_once() =>
        Refused(Plain, "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10");

    [Fact]
    public void Rule_unknown_parameters_fail() => Refused(Plain, "permessage-deflate; x_window=10");

    [Fact]
    public void Rule_no_context_takeover_has_no_value() => Refused(Plain, "permessage-deflate; client_no_context_takeover=1");

    [Fact]
    public void Rule_server_no_context_takeover_has_no_value() => Refused(Plain, "permessage-deflate; server_no_context_takeover=true");

    [Theory]
    [InlineData("7")]
    [InlineData("16")]
    [InlineData("08")]
    [InlineData("+9")]
    [InlineData("ten")]
    public void Rule_window_values_are_8_to_15_in_plain_decimal(string value) =>
        Refused(Plain, "permessage-deflate; server_max_window_bits=" + value);

    [Fact]
    public void Rule_a_window_parameter_in_a_response_has_a_value() => Refused(Plain, "permessage-deflate; server_max_window_bits");

    [Fact]
    public void Rule_client_max_window_bits_only_when_offered() => Refused(Plain, "permessage-deflate; client_max_window_bits=10");

    [Fact]
    public void Rule_client_max_window_bits_never_above_the_offer() =>
        Refused(new PerMessageDeflateOptions { ClientMaxWindowBits = 10 }, "permessage-deflate; client_max_window_bits=11");

    [Fact]
    public void Rule_requested_server_no_context_takeover_must_be_echoed() =>
        Refused(new PerMessageDeflateOptions { ServerNoContextTakeover = true }, "permessage-deflate");

    [Fact]
    public void Rule_requested_server_max_window_bits_must_be_answered() =>
        Refused(new PerMessageDeflateOptions { ServerMaxWindowBits = 10 }, "permessage-deflate");

    [Fact]
    public void Rule_requested_server_max_window_bits_never_raised() =>
        Refused(new PerMessageDeflateOptions { ServerMaxWindowBits = 10 }, "permessage-deflate; server_max_window_bits=11");

    private static PerMessageDeflateParameters Accept(PerMessageDeflateOptions offer, string response) =>
        PerMessageDeflateNegotiation.Accept(offer, Assert.Single(WebSocketExtensionParser.Parse(response)));

    private static void Refused(PerMessageDeflateOptions offer, string response)
    {
        var error = Assert.Throws<WebSocketHandshakeException>(() => Accept(offer, response));
        Assert.Equal(WebSocketHandshakeError.InvalidExtensionParameters, error.Error);
        Assert.Equal(101, error.StatusCode);
    }
}
