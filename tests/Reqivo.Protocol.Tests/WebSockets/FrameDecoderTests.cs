using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>Events, splits and state of <see cref="WebSocketFrameDecoder"/> on frames that follow the rules.</summary>
public sealed class FrameDecoderTests
{
    private static readonly int[] Pieces = [0, 1, 2, 5, 13];

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_single_frame_text_message_gives_start_payload_and_end_of_message()
    {
        List<FrameEvent> events = FrameDriver.DecodeAll(Wire.Text("Hello"));

        Assert.Equal(3, events.Count);
        Assert.Equal(WebSocketFrameEventKind.DataFrameStart, events[0].Kind);
        Assert.Equal(WebSocketOpcode.Text, events[0].Header.Opcode);
        Assert.True(events[0].Header.Fin);
        Assert.Empty(events[0].Payload);
        Assert.Equal(WebSocketFrameEventKind.PayloadData, events[1].Kind);
        Assert.Equal(Bytes("Hello"), events[1].Payload);
        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, events[2].Kind);
    }

    [Fact]
    public void Every_split_of_a_mixed_stream_gives_the_same_events()
    {
        byte[] wire = Wire.Concat(
            Wire.Text("frag", fin: false),
            Wire.Frame(WebSocketOpcode.Ping, true, Bytes("p")),
            Wire.Frame(WebSocketOpcode.Continuation, false, []),
            Wire.Frame(WebSocketOpcode.Pong, true, []),
            Wire.Frame(WebSocketOpcode.Continuation, true, Bytes("mented ✓")),
            Wire.Frame(WebSocketOpcode.Binary, true, new byte[300]),
            Wire.Frame(WebSocketOpcode.Binary, true, new byte[70000]),
            Wire.Frame(WebSocketOpcode.Close, true, [0x03, 0xE8, (byte)'b', (byte)'y', (byte)'e']));
        List<FrameEvent> whole = FrameDriver.DecodeAll(wire);

        foreach (int piece in Pieces.Skip(1).Append(4096))
        {
            Assert.Equal(whole.Select(e => e.ToString()), FrameDriver.DecodeAll(wire, piece).Select(e => e.ToString()));
        }

        Assert.Equal(
            [
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.PayloadData, WebSocketFrameEventKind.EndOfFrame,
                WebSocketFrameEventKind.ControlFrame,
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.EndOfFrame,
                WebSocketFrameEventKind.ControlFrame,
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.PayloadData, WebSocketFrameEventKind.EndOfMessage,
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.PayloadData, WebSocketFrameEventKind.EndOfMessage,
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.PayloadData, WebSocketFrameEventKind.EndOfMessage,
                WebSocketFrameEventKind.ControlFrame,
            ],
            whole.Select(e => e.Kind));
        Assert.Equal(Bytes("p"), whole[3].Payload);
        Assert.Equal(WebSocketOpcode.Pong, whole[6].Header.Opcode);
        Assert.Equal(70000, whole[14].Payload.Length);
        Assert.Equal(WebSocketOpcode.Close, whole[16].Header.Opcode);
    }

    [Fact]
    public void A_control_frame_is_consumed_only_once_whole()
    {
        var decoder = new WebSocketFrameDecoder();
        byte[] ping = Wire.Frame(WebSocketOpcode.Ping, true, Bytes("12345"));

        for (int available = 0; available < ping.Length; available++)
        {
            Assert.Equal(WebSocketFrameEventKind.NeedMoreData, decoder.Decode(ping.AsSpan(0, available), out int consumed, out ReadOnlySpan<byte> payload));
            Assert.Equal(0, consumed);
            Assert.True(payload.IsEmpty);
        }

        Assert.Equal(WebSocketFrameEventKind.ControlFrame, decoder.Decode(ping, out int all, out ReadOnlySpan<byte> whole));
        Assert.Equal(ping.Length, all);
        Assert.Equal(Bytes("12345"), whole.ToArray());
    }

    [Fact]
    public void Payload_data_is_a_slice_up_to_the_end_of_the_frame_and_leaves_the_next_frame()
    {
        var decoder = new WebSocketFrameDecoder();
        byte[] wire = Wire.Concat(Wire.Frame(WebSocketOpcode.Binary, true, [1, 2, 3]), Wire.Text("x"));

        Assert.Equal(WebSocketFrameEventKind.DataFrameStart, decoder.Decode(wire, out int headerLength, out _));
        Assert.Equal(2, headerLength);
        Assert.Equal(3, decoder.RemainingPayloadLength);
        Assert.True(decoder.IsMessageInProgress);

        Assert.Equal(WebSocketFrameEventKind.PayloadData, decoder.Decode(wire.AsSpan(2, 2), out int first, out ReadOnlySpan<byte> part));
        Assert.Equal(2, first);
        Assert.Equal(new byte[] { 1, 2 }, part.ToArray());
        Assert.Equal(1, decoder.RemainingPayloadLength);

        Assert.Equal(WebSocketFrameEventKind.PayloadData, decoder.Decode(wire.AsSpan(4), out int second, out ReadOnlySpan<byte> rest));
        Assert.Equal(1, second);
        Assert.Equal(new byte[] { 3 }, rest.ToArray());
        Assert.Equal(0, decoder.RemainingPayloadLength);
        Assert.True(decoder.IsMessageInProgress);

        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, decoder.Decode(wire.AsSpan(5), out int none, out _));
        Assert.Equal(0, none);
        Assert.False(decoder.IsMessageInProgress);
        Assert.Equal(WebSocketOpcode.Binary, decoder.MessageOpcode);
    }

    [Fact]
    public void No_input_in_the_middle_of_a_payload_needs_more_data()
    {
        var decoder = new WebSocketFrameDecoder();
        byte[] frame = Wire.Text("abc");
        decoder.Decode(frame, out _, out _);

        Assert.Equal(WebSocketFrameEventKind.NeedMoreData, decoder.Decode([], out int consumed, out ReadOnlySpan<byte> payload));
        Assert.Equal(0, consumed);
        Assert.True(payload.IsEmpty);
        Assert.Equal(3, decoder.RemainingPayloadLength);
    }

    [Fact]
    public void An_empty_data_frame_starts_and_ends_without_payload()
    {
        List<FrameEvent> events = FrameDriver.DecodeAll(Wire.Frame(WebSocketOpcode.Binary, true, []));

        Assert.Equal([WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.EndOfMessage], events.Select(e => e.Kind));
    }

    [Fact]
    public void Control_frames_interleave_with_a_fragmented_message_which_keeps_its_type()
    {
        var driver = new FrameDriver();
        driver.Feed(Wire.Frame(WebSocketOpcode.Binary, false, [9]));
        Assert.True(driver.Decoder.IsMessageInProgress);

        driver.Feed(Wire.Frame(WebSocketOpcode.Ping, true, []));
        Assert.True(driver.Decoder.IsMessageInProgress);
        Assert.Equal(WebSocketOpcode.Binary, driver.Decoder.MessageOpcode);

        driver.Feed(Wire.Frame(WebSocketOpcode.Continuation, true, [8]));
        Assert.False(driver.Decoder.IsMessageInProgress);
        Assert.Equal(WebSocketOpcode.Binary, driver.Decoder.MessageOpcode);
        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, driver.Events[^1].Kind);
    }

    [Fact]
    public void A_new_message_may_follow_a_completed_fragmented_one()
    {
        byte[] wire = Wire.Concat(Wire.Text("a", fin: false), Wire.Frame(WebSocketOpcode.Continuation, true, Bytes("b")), Wire.Frame(WebSocketOpcode.Binary, true, [1]));

        List<FrameEvent> events = FrameDriver.DecodeAll(wire);

        Assert.Equal(2, events.Count(e => e.Kind == WebSocketFrameEventKind.EndOfMessage));
        Assert.Equal(WebSocketOpcode.Binary, events[^3].Header.Opcode);
    }

    [Fact]
    public void Text_split_inside_a_code_point_across_frames_is_valid()
    {
        byte[] euro = Bytes("€"); // e2 82 ac
        byte[] wire = Wire.Concat(
            Wire.Frame(WebSocketOpcode.Text, false, euro[..1]),
            Wire.Frame(WebSocketOpcode.Ping, true, []),
            Wire.Frame(WebSocketOpcode.Continuation, false, euro[1..2]),
            Wire.Frame(WebSocketOpcode.Continuation, true, euro[2..]));

        List<FrameEvent> events = FrameDriver.DecodeAll(wire, 1);

        Assert.Equal(euro, events.Where(e => e.Kind == WebSocketFrameEventKind.PayloadData).SelectMany(e => e.Payload).ToArray());
        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, events[^1].Kind);
    }

    [Fact]
    public void Binary_messages_are_not_checked_as_utf8()
    {
        List<FrameEvent> events = FrameDriver.DecodeAll(Wire.Frame(WebSocketOpcode.Binary, true, [0xff, 0xc0, 0xed, 0xa0]));

        Assert.Equal(WebSocketFrameEventKind.EndOfMessage, events[^1].Kind);
    }

    [Fact]
    public void A_control_frame_of_125_bytes_is_accepted()
    {
        List<FrameEvent> events = FrameDriver.DecodeAll(Wire.Frame(WebSocketOpcode.Ping, true, new byte[125]), 1);

        FrameEvent ping = Assert.Single(events);
        Assert.Equal(125, ping.Payload.Length);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(4999)]
    public void Close_frames_with_a_valid_code_and_reason_are_reported(int code)
    {
        byte[] payload = [(byte)(code >> 8), (byte)code, .. Bytes("κόσμε")];

        FrameEvent close = Assert.Single(FrameDriver.DecodeAll(Wire.Frame(WebSocketOpcode.Close, true, payload)));

        Assert.Equal(WebSocketFrameEventKind.ControlFrame, close.Kind);
        Assert.Equal(payload, close.Payload);
    }

    [Fact]
    public void An_empty_close_frame_is_reported()
    {
        FrameEvent close = Assert.Single(FrameDriver.DecodeAll(Wire.Frame(WebSocketOpcode.Close, true, [])));

        Assert.Equal(WebSocketOpcode.Close, close.Header.Opcode);
        Assert.Empty(close.Payload);
    }

    [Fact]
    public void Frames_and_messages_exactly_at_the_limits_are_accepted()
    {
        var limits = new WebSocketLimits { MaxFramePayloadLength = 10, MaxMessageLength = 20 };
        byte[] wire = Wire.Concat(
            Wire.Frame(WebSocketOpcode.Binary, false, new byte[10]),
            Wire.Frame(WebSocketOpcode.Continuation, true, new byte[10]),
            Wire.Frame(WebSocketOpcode.Binary, true, new byte[10]));

        List<FrameEvent> events = FrameDriver.DecodeAll(wire, 0, new WebSocketFrameDecoder(limits));

        Assert.Equal(2, events.Count(e => e.Kind == WebSocketFrameEventKind.EndOfMessage));
    }

    [Fact]
    public void The_decoder_reports_its_settings()
    {
        var limits = new WebSocketLimits { MaxMessageLength = 5 };
        var decoder = new WebSocketFrameDecoder(limits, perMessageDeflate: true);

        Assert.Same(limits, decoder.Limits);
        Assert.True(decoder.PerMessageDeflate);
        Assert.Same(WebSocketLimits.Default, new WebSocketFrameDecoder().Limits);
        Assert.False(new WebSocketFrameDecoder().PerMessageDeflate);
        Assert.False(decoder.IsFailed);
        Assert.False(decoder.IsMessageInProgress);
        Assert.Equal(WebSocketOpcode.Continuation, decoder.MessageOpcode);
    }

    [Fact]
    public void Default_limits_are_16_mib_and_must_be_positive()
    {
        Assert.Equal(16 * 1024 * 1024, WebSocketLimits.Default.MaxFramePayloadLength);
        Assert.Equal(16 * 1024 * 1024, WebSocketLimits.Default.MaxMessageLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebSocketLimits { MaxFramePayloadLength = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebSocketLimits { MaxMessageLength = -1 });
        Assert.Equal(1, new WebSocketLimits { MaxMessageLength = 1 }.MaxMessageLength);
    }
}
