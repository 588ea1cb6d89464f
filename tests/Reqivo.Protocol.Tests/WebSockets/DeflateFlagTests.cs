using System.Collections.Generic;
using System.Linq;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>RSV1 with and without permessage-deflate (RFC 7692 §6, §7.2.3.1 examples).</summary>
public sealed class DeflateFlagTests
{
    private static WebSocketFrameDecoder Deflate() => new(perMessageDeflate: true);

    [Fact]
    public void A_compressed_single_frame_message_is_reported_as_compressed_and_not_checked_as_utf8()
    {
        // RFC 7692 §7.2.3.1: "Hello" compressed; the DEFLATE bytes are not UTF-8, and must not be judged as such.
        var driver = new FrameDriver(Deflate());
        driver.Feed(Wire.Hex("c107f248cdc9c90700"));

        Assert.True(driver.Decoder.IsMessageCompressed);
        Assert.Equal(WebSocketOpcode.Text, driver.Decoder.MessageOpcode);
        Assert.True(driver.Events[0].Header.Rsv1);
        Assert.Equal(Wire.Hex("f248cdc9c90700"), driver.Events[1].Payload);
        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, driver.Events[^1].Kind);
    }

    [Fact]
    public void A_compressed_fragmented_message_has_rsv1_on_its_first_frame_only()
    {
        List<FrameEvent> events = FrameDriver.DecodeAll(Wire.Hex("4103f248cd 8004c9c90700"), 1, Deflate());

        Assert.Equal(Wire.Hex("f248cdc9c90700"), events.Where(e => e.Kind == WebSocketFrameEventKind.PayloadData).SelectMany(e => e.Payload).ToArray());
        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, events[^1].Kind);
    }

    [Fact]
    public void An_uncompressed_message_after_a_compressed_one_is_checked_as_utf8_again()
    {
        var driver = new FrameDriver(Deflate());
        driver.Feed(Wire.Hex("c107f248cdc9c90700"));
        driver.Feed(Wire.Text("plain"));

        Assert.False(driver.Decoder.IsMessageCompressed);
        var error = Assert.Throws<WebSocketProtocolException>(() => driver.Feed(Wire.Frame(WebSocketOpcode.Text, true, [0xff])));
        Assert.Equal(WebSocketViolation.InvalidUtf8, error.Violation);
    }

    [Fact]
    public void Rsv1_without_permessage_deflate_fails_with_1002()
    {
        var error = Assert.Throws<WebSocketProtocolException>(() => FrameDriver.DecodeAll(Wire.Hex("c107f248cdc9c90700")));

        Assert.Equal(WebSocketViolation.ReservedBitSet, error.Violation);
        Assert.Equal(1002, error.CloseCode);
    }

    [Fact]
    public void Rsv1_on_a_continuation_frame_fails_even_with_permessage_deflate()
    {
        byte[] wire = Wire.Concat(Wire.Frame(WebSocketOpcode.Binary, false, [1], rsv1: true), Wire.Frame(WebSocketOpcode.Continuation, true, [2], rsv1: true));

        var error = Assert.Throws<WebSocketProtocolException>(() => FrameDriver.DecodeAll(wire, 0, Deflate()));

        Assert.Equal(WebSocketViolation.ReservedBitSet, error.Violation);
    }

    [Theory]
    [InlineData(WebSocketOpcode.Ping)]
    [InlineData(WebSocketOpcode.Pong)]
    [InlineData(WebSocketOpcode.Close)]
    public void Rsv1_on_a_control_frame_fails_even_with_permessage_deflate(WebSocketOpcode opcode)
    {
        var error = Assert.Throws<WebSocketProtocolException>(() => FrameDriver.DecodeAll(Wire.Frame(opcode, true, [], rsv1: true), 0, Deflate()));

        Assert.Equal(WebSocketViolation.ReservedBitSet, error.Violation);
        Assert.Equal(1002, error.CloseCode);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Rsv2_and_rsv3_fail_even_with_permessage_deflate(bool rsv2, bool rsv3)
    {
        byte[] frame = Wire.Frame(1, true, [], rsv2: rsv2, rsv3: rsv3);

        var error = Assert.Throws<WebSocketProtocolException>(() => FrameDriver.DecodeAll(frame, 0, Deflate()));

        Assert.Equal(WebSocketViolation.ReservedBitSet, error.Violation);
    }
}
