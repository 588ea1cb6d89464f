using System;
using System.Linq;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>Each rule the decoder applies to server frames, broken once, with the violation and close code it must report.</summary>
public sealed class FrameViolationTests
{
    private static WebSocketProtocolException Refuses(byte[] wire, WebSocketFrameDecoder? decoder = null, int piece = 0) =>
        Assert.Throws<WebSocketProtocolException>(() => FrameDriver.DecodeAll(wire, piece, decoder));

    private static void AssertViolation(WebSocketViolation violation, int closeCode, WebSocketProtocolException error)
    {
        Assert.Equal(violation, error.Violation);
        Assert.Equal(closeCode, error.CloseCode);
    }

    [Fact]
    public void A_masked_server_frame_fails_with_1002()
    {
        // RFC 6455 §5.7 masked "Hello": a client frame, which a server must never send.
        AssertViolation(WebSocketViolation.MaskedServerFrame, 1002, Refuses(Wire.Hex("818537fa213d7f9f4d5158")));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_reserved_data_opcode_fails_with_1002(int opcode)
    {
        AssertViolation(WebSocketViolation.ReservedOpcode, 1002, Refuses(Wire.Frame(opcode, true, [])));
    }

    [Theory]
    [InlineData(0xB)]
    [InlineData(0xC)]
    [InlineData(0xD)]
    [InlineData(0xE)]
    [InlineData(0xF)]
    public void A_reserved_control_opcode_fails_with_1002(int opcode)
    {
        AssertViolation(WebSocketViolation.ReservedOpcode, 1002, Refuses(Wire.Frame(opcode, true, [])));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void A_reserved_bit_without_an_extension_fails_with_1002(bool rsv1, bool rsv2, bool rsv3)
    {
        AssertViolation(WebSocketViolation.ReservedBitSet, 1002, Refuses(Wire.Frame(2, true, [1], rsv1, rsv2, rsv3)));
    }

    [Theory]
    [InlineData(WebSocketOpcode.Ping)]
    [InlineData(WebSocketOpcode.Pong)]
    [InlineData(WebSocketOpcode.Close)]
    public void A_control_frame_longer_than_125_bytes_fails_with_1002(WebSocketOpcode opcode)
    {
        AssertViolation(WebSocketViolation.ControlFrameTooLong, 1002, Refuses(Wire.Frame(opcode, true, new byte[126])));
    }

    [Fact]
    public void A_long_control_frame_fails_on_its_header_before_its_payload_arrives()
    {
        byte[] header = Wire.Frame(WebSocketOpcode.Ping, true, new byte[126])[..4];

        AssertViolation(WebSocketViolation.ControlFrameTooLong, 1002, Refuses(header));
    }

    [Theory]
    [InlineData(WebSocketOpcode.Ping)]
    [InlineData(WebSocketOpcode.Pong)]
    [InlineData(WebSocketOpcode.Close)]
    public void A_fragmented_control_frame_fails_with_1002(WebSocketOpcode opcode)
    {
        AssertViolation(WebSocketViolation.FragmentedControlFrame, 1002, Refuses(Wire.Frame(opcode, false, [])));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_continuation_without_a_message_fails_with_1002(bool fin)
    {
        AssertViolation(WebSocketViolation.UnexpectedContinuation, 1002, Refuses(Wire.Frame(WebSocketOpcode.Continuation, fin, [1])));
    }

    [Fact]
    public void A_continuation_after_a_complete_message_fails_with_1002()
    {
        byte[] wire = Wire.Concat(Wire.Text("done"), Wire.Frame(WebSocketOpcode.Continuation, true, []));

        AssertViolation(WebSocketViolation.UnexpectedContinuation, 1002, Refuses(wire));
    }

    [Theory]
    [InlineData(WebSocketOpcode.Text)]
    [InlineData(WebSocketOpcode.Binary)]
    public void A_new_data_frame_inside_an_unfinished_message_fails_with_1002(WebSocketOpcode opcode)
    {
        byte[] wire = Wire.Concat(Wire.Text("first", fin: false), Wire.Frame(WebSocketOpcode.Ping, true, []), Wire.Frame(opcode, true, [0x41]));

        AssertViolation(WebSocketViolation.UnfinishedMessage, 1002, Refuses(wire));
    }

    [Fact]
    public void A_64_bit_length_with_the_high_bit_fails_with_1002()
    {
        AssertViolation(WebSocketViolation.InvalidPayloadLength, 1002, Refuses(Wire.Hex("827f8000000000000001")));
    }

    [Fact]
    public void A_frame_over_the_frame_limit_fails_with_1009_on_its_header()
    {
        var decoder = new WebSocketFrameDecoder(new WebSocketLimits { MaxFramePayloadLength = 10 });
        byte[] header = Wire.Frame(WebSocketOpcode.Binary, true, new byte[11])[..2];

        WebSocketProtocolException error = Refuses(header, decoder);

        AssertViolation(WebSocketViolation.FrameTooLarge, 1009, error);
        Assert.Equal(ProtocolError.LimitExceeded, error.Error);
    }

    [Fact]
    public void A_control_frame_over_a_small_frame_limit_fails_with_1009()
    {
        var decoder = new WebSocketFrameDecoder(new WebSocketLimits { MaxFramePayloadLength = 4 });

        AssertViolation(WebSocketViolation.FrameTooLarge, 1009, Refuses(Wire.Frame(WebSocketOpcode.Ping, true, new byte[5]), decoder));
    }

    [Fact]
    public void A_huge_announced_frame_fails_with_1009_under_the_default_limit()
    {
        AssertViolation(WebSocketViolation.FrameTooLarge, 1009, Refuses(Wire.Hex("827f7fffffffffffffff")));
    }

    [Fact]
    public void A_single_frame_message_over_the_message_limit_fails_with_1009()
    {
        var decoder = new WebSocketFrameDecoder(new WebSocketLimits { MaxMessageLength = 3 });

        WebSocketProtocolException error = Refuses(Wire.Frame(WebSocketOpcode.Binary, true, new byte[4]), decoder);

        AssertViolation(WebSocketViolation.MessageTooLarge, 1009, error);
        Assert.Equal(ProtocolError.LimitExceeded, error.Error);
    }

    [Fact]
    public void A_fragmented_message_over_the_message_limit_fails_with_1009_on_the_frame_that_crosses_it()
    {
        var decoder = new WebSocketFrameDecoder(new WebSocketLimits { MaxMessageLength = 10 });
        var driver = new FrameDriver(decoder);
        driver.Feed(Wire.Frame(WebSocketOpcode.Binary, false, new byte[6]));
        driver.Feed(Wire.Frame(WebSocketOpcode.Ping, true, new byte[100])); // control frames do not count
        driver.Feed(Wire.Frame(WebSocketOpcode.Continuation, false, new byte[4]));

        var error = Assert.Throws<WebSocketProtocolException>(() => driver.Feed(Wire.Frame(WebSocketOpcode.Continuation, true, new byte[1])));

        AssertViolation(WebSocketViolation.MessageTooLarge, 1009, error);
    }

    [Fact]
    public void The_message_length_starts_again_with_each_message()
    {
        var decoder = new WebSocketFrameDecoder(new WebSocketLimits { MaxMessageLength = 10 });
        byte[] wire = Wire.Concat(Enumerable.Range(0, 5).Select(_ => Wire.Frame(WebSocketOpcode.Binary, true, new byte[10])).ToArray());

        Assert.Equal(5, FrameDriver.DecodeAll(wire, 0, decoder).Count(e => e.Kind == WebSocketFrameEventKind.EndOfMessage));
    }

    [Fact]
    public void Invalid_utf8_in_a_text_frame_fails_with_1007()
    {
        WebSocketProtocolException error = Refuses(Wire.Frame(WebSocketOpcode.Text, true, [0x41, 0xC0, 0x80]));

        AssertViolation(WebSocketViolation.InvalidUtf8, 1007, error);
        Assert.Equal(ProtocolError.WebSocket, error.Error);
    }

    [Fact]
    public void Invalid_utf8_fails_at_the_impossible_byte_before_the_frame_ends()
    {
        // Autobahn 6.4.x: the payload is refused as soon as the bad byte arrives, not when the frame completes.
        byte[] payload = [.. Encoding.UTF8.GetBytes("κόσμε"), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("edited")];
        byte[] frame = Wire.Frame(WebSocketOpcode.Text, true, payload);
        var driver = new FrameDriver();

        Assert.Throws<WebSocketProtocolException>(() => driver.FeedInPieces(frame, 1));

        int badByte = 2 + Encoding.UTF8.GetByteCount("κόσμε") + 1; // the A0 after ED
        Assert.Equal(badByte + 1, driver.BytesFed);
    }

    [Fact]
    public void Invalid_utf8_split_across_fragments_fails_in_the_continuation_frame()
    {
        // E0 then 80: valid alone, impossible together (overlong form).
        var driver = new FrameDriver();
        driver.Feed(Wire.Frame(WebSocketOpcode.Text, false, [0x41, 0xE0]));
        driver.Feed(Wire.Frame(WebSocketOpcode.Ping, true, []));

        var error = Assert.Throws<WebSocketProtocolException>(() => driver.Feed(Wire.Frame(WebSocketOpcode.Continuation, true, [0x80, 0x80])));

        AssertViolation(WebSocketViolation.InvalidUtf8, 1007, error);
    }

    [Fact]
    public void A_text_message_ending_inside_a_code_point_fails_with_1007_at_its_end()
    {
        var driver = new FrameDriver();
        driver.Feed(Wire.Frame(WebSocketOpcode.Text, false, [0xE2, 0x82]));

        var error = Assert.Throws<WebSocketProtocolException>(() => driver.Feed(Wire.Frame(WebSocketOpcode.Continuation, true, [])));

        AssertViolation(WebSocketViolation.InvalidUtf8, 1007, error);
    }

    [Fact]
    public void A_text_frame_ending_inside_a_code_point_is_fine_when_the_message_continues()
    {
        var driver = new FrameDriver();
        driver.Feed(Wire.Frame(WebSocketOpcode.Text, false, [0xE2, 0x82]));

        Assert.Equal(WebSocketFrameEventKind.EndOfFrame, driver.Events[^1].Kind);
        Assert.False(driver.Decoder.IsFailed);
    }

    [Fact]
    public void A_one_byte_close_payload_fails_with_1002()
    {
        AssertViolation(WebSocketViolation.InvalidCloseStatus, 1002, Refuses(Wire.Frame(WebSocketOpcode.Close, true, [0x03])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void A_close_code_that_may_not_be_sent_fails_with_1002(int code)
    {
        AssertViolation(WebSocketViolation.InvalidCloseStatus, 1002, Refuses(Wire.Frame(WebSocketOpcode.Close, true, [(byte)(code >> 8), (byte)code])));
    }

    [Fact]
    public void A_close_reason_that_is_not_utf8_fails_with_1007()
    {
        AssertViolation(WebSocketViolation.InvalidUtf8, 1007, Refuses(Wire.Frame(WebSocketOpcode.Close, true, [0x03, 0xE8, 0xCE, 0xBA, 0xE1, 0xBD])));
    }

    [Fact]
    public void After_a_violation_the_decoder_refuses_further_input()
    {
        var decoder = new WebSocketFrameDecoder();
        Assert.Throws<WebSocketProtocolException>(() => decoder.Decode(Wire.Frame(3, true, []), out _, out _));

        Assert.True(decoder.IsFailed);
        Assert.Throws<InvalidOperationException>(() => decoder.Decode(Wire.Text("fine"), out _, out _));
    }

    [Fact]
    public void A_violation_in_a_payload_also_fails_the_decoder()
    {
        var decoder = new WebSocketFrameDecoder();
        byte[] frame = Wire.Frame(WebSocketOpcode.Text, true, [0xFF]);
        decoder.Decode(frame, out int consumed, out _);

        Assert.Throws<WebSocketProtocolException>(() => decoder.Decode(frame.AsSpan(consumed), out _, out _));
        Assert.True(decoder.IsFailed);
    }

    [Fact]
    public void Violations_are_found_at_every_split()
    {
        byte[] wire = Wire.Concat(Wire.Text("ok"), Wire.Frame(WebSocketOpcode.Ping, false, []));
        foreach (int piece in new[] { 1, 2, 3, 5 })
        {
            AssertViolation(WebSocketViolation.FragmentedControlFrame, 1002, Refuses(wire, piece: piece));
        }
    }
}
