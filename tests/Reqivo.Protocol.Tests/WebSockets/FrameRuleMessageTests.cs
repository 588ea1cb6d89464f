using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>
/// Each frame rule a server can break names the rule, or the limit, in its message; the frame encoder's argument
/// checks; the default message limit.
/// </summary>
public sealed class FrameRuleMessageTests
{
    [Fact]
    public void A_masked_frame_is_named() =>
        AssertNames(WebSocketViolation.MaskedServerFrame, "masked frame (RFC 6455 §5.1)", Wire.Hex("818537fa213d7f9f4d5158"));

    [Fact]
    public void Rsv2_or_rsv3_is_named() =>
        AssertNames(WebSocketViolation.ReservedBitSet, "RSV2 or RSV3 is set", Wire.Frame(2, true, [1], rsv2: true));

    [Fact]
    public void A_reserved_opcode_is_named_by_its_value() =>
        AssertNames(WebSocketViolation.ReservedOpcode, "reserved opcode 0xB (RFC 6455 §5.2)", Wire.Frame(0xB, true, []));

    [Fact]
    public void Rsv1_without_an_extension_is_named() =>
        AssertNames(WebSocketViolation.ReservedBitSet, "RSV1 is set and no extension defines it", Wire.Frame(2, true, [1], rsv1: true));

    [Theory]
    [InlineData(WebSocketOpcode.Ping)]
    [InlineData(WebSocketOpcode.Continuation)]
    public void Rsv1_on_a_control_or_continuation_frame_cites_rfc_7692(WebSocketOpcode opcode)
    {
        var decoder = new WebSocketFrameDecoder(perMessageDeflate: true);
        byte[] wire = opcode == WebSocketOpcode.Continuation
            ? Wire.Concat(Wire.Frame(WebSocketOpcode.Text, false, [], rsv1: true), Wire.Frame(opcode, true, [], rsv1: true))
            : Wire.Frame(opcode, true, [], rsv1: true);

        AssertNames(WebSocketViolation.ReservedBitSet, "RSV1 is set on a control frame or a continuation frame (RFC 7692 §6.1)", wire, decoder);
    }

    [Fact]
    public void A_long_control_frame_names_125_bytes() =>
        AssertNames(WebSocketViolation.ControlFrameTooLong, "longer than 125 bytes", Wire.Frame(WebSocketOpcode.Ping, true, new byte[126]));

    [Fact]
    public void A_fragmented_control_frame_is_named() =>
        AssertNames(WebSocketViolation.FragmentedControlFrame, "control frame has FIN clear", Wire.Frame(WebSocketOpcode.Pong, false, []));

    [Fact]
    public void A_frame_over_the_limit_names_the_limit_and_its_value()
    {
        var decoder = new WebSocketFrameDecoder(new WebSocketLimits { MaxFramePayloadLength = 10 });

        AssertNames(WebSocketViolation.FrameTooLarge, "MaxFramePayloadLength = 10 bytes", Wire.Frame(2, true, new byte[11]), decoder);
    }

    [Fact]
    public void The_default_message_limit_is_16_MiB()
    {
        Assert.Equal(16 * 1024 * 1024, new WebSocketLimits().MaxMessageLength);
        Assert.Equal(16 * 1024 * 1024, WebSocketLimits.Default.MaxMessageLength);
    }

    [Fact]
    public void A_negative_payload_length_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameEncoder.WriteHeader(new byte[14], WebSocketOpcode.Binary, true, -1, 0));

        Assert.Equal("payloadLength", error.ParamName);
    }

    [Fact]
    public void An_invalid_frame_is_refused_for_its_rule_before_the_destination_size_is_checked()
    {
        var error = Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(new byte[2], WebSocketOpcode.Ping, fin: false, [1, 2, 3], 0));

        Assert.Equal("fin", error.ParamName);
    }

    private static void AssertNames(WebSocketViolation violation, string rule, byte[] wire, WebSocketFrameDecoder? decoder = null)
    {
        var error = Assert.Throws<WebSocketProtocolException>(() => FrameDriver.DecodeAll(wire, 0, decoder));
        Assert.Equal(violation, error.Violation);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }
}
