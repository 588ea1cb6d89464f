using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

public sealed class FrameEncoderTests
{
    /// <summary>Reads a client frame as a server does: header, then unmask.</summary>
    private static (WebSocketFrameHeader Header, byte[] Payload) ReadClientFrame(ReadOnlySpan<byte> frame)
    {
        Assert.True(WebSocketFrameHeader.TryRead(frame, out WebSocketFrameHeader header, out int headerLength));
        byte[] payload = frame[headerLength..].ToArray();
        Assert.Equal(header.PayloadLength, payload.Length);
        Assert.True(header.IsMasked);
        WebSocketMasking.Apply(payload, header.MaskingKey);
        return (header, payload);
    }

    [Fact]
    public void Writes_the_rfc_6455_masked_hello_and_pong()
    {
        byte[] buffer = new byte[32];

        int text = WebSocketFrameEncoder.WriteFrame(buffer, WebSocketOpcode.Text, true, "Hello"u8, 0x37fa213d);
        Assert.Equal("818537fa213d7f9f4d5158", Convert.ToHexString(buffer, 0, text).ToLowerInvariant());

        int pong = WebSocketFrameEncoder.WriteFrame(buffer, WebSocketOpcode.Pong, true, "Hello"u8, 0x37fa213d);
        Assert.Equal("8a8537fa213d7f9f4d5158", Convert.ToHexString(buffer, 0, pong).ToLowerInvariant());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(200000)]
    public void Round_trips_payloads_of_every_length_class(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        byte[] original = (byte[])payload.Clone();
        byte[] frame = new byte[WebSocketFrameEncoder.GetFrameLength(length)];

        int written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Binary, false, payload, 0x01234567);

        Assert.Equal(frame.Length, written);
        Assert.Equal(original, payload); // the caller's payload is not modified
        (WebSocketFrameHeader header, byte[] read) = ReadClientFrame(frame);
        Assert.Equal(payload, read);
        Assert.False(header.Fin);
        Assert.Equal(WebSocketOpcode.Binary, header.Opcode);
        Assert.Equal(0x01234567u, header.MaskingKey);
    }

    [Fact]
    public void Header_then_payload_masked_in_pieces_equals_the_whole_frame()
    {
        byte[] payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("streamed κόσμε ", 40)));
        byte[] whole = new byte[WebSocketFrameEncoder.GetFrameLength(payload.Length)];
        WebSocketFrameEncoder.WriteFrame(whole, WebSocketOpcode.Text, true, payload, 0xcafebabe, compressed: true);

        byte[] streamed = new byte[whole.Length];
        int headerLength = WebSocketFrameEncoder.WriteHeader(streamed, WebSocketOpcode.Text, true, payload.Length, 0xcafebabe, compressed: true);
        payload.CopyTo(streamed, headerLength);
        for (int offset = 0; offset < payload.Length; offset += 77)
        {
            int length = Math.Min(77, payload.Length - offset);
            WebSocketMasking.Apply(streamed.AsSpan(headerLength + offset, length), 0xcafebabe, offset);
        }

        Assert.Equal(whole, streamed);
        Assert.True(ReadClientFrame(whole).Header.Rsv1);
    }

    [Theory]
    [InlineData(0L, 6L)]
    [InlineData(125L, 131L)]
    [InlineData(126L, 134L)]
    [InlineData(65536L, 65550L)]
    public void Frame_length_is_the_masked_header_plus_the_payload(long payloadLength, long expected)
    {
        Assert.Equal(expected, WebSocketFrameEncoder.GetFrameLength(payloadLength));
    }

    [Fact]
    public void Frame_length_refuses_negative_and_overflowing_lengths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameEncoder.GetFrameLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameEncoder.GetFrameLength(long.MaxValue - 13));
        Assert.Equal(long.MaxValue, WebSocketFrameEncoder.GetFrameLength(long.MaxValue - 14));
    }

    [Theory]
    [InlineData(WebSocketOpcode.Ping)]
    [InlineData(WebSocketOpcode.Pong)]
    [InlineData(WebSocketOpcode.Close)]
    public void Refuses_fragmented_or_long_control_frames(WebSocketOpcode opcode)
    {
        byte[] buffer = new byte[200];

        Assert.Equal("fin", Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(buffer, opcode, false, [], 1)).ParamName);
        Assert.Equal("payloadLength", Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(buffer, opcode, true, new byte[126], 1)).ParamName);
        Assert.Equal(131, WebSocketFrameEncoder.WriteFrame(buffer, opcode, true, new byte[125], 1));
        Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteHeader(buffer, opcode, true, 126, 1));
    }

    [Theory]
    [InlineData(WebSocketOpcode.Ping)]
    [InlineData(WebSocketOpcode.Close)]
    [InlineData(WebSocketOpcode.Continuation)]
    public void Refuses_rsv1_except_on_the_first_frame_of_a_data_message(WebSocketOpcode opcode)
    {
        var error = Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteHeader(new byte[14], opcode, true, 0, 1, compressed: true));

        Assert.Equal("compressed", error.ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0xB)]
    [InlineData(0x10)]
    public void Refuses_reserved_opcodes(int opcode)
    {
        var error = Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(new byte[14], (WebSocketOpcode)opcode, true, [], 1));

        Assert.Equal("opcode", error.ParamName);
    }

    [Fact]
    public void Refuses_a_small_destination_before_writing()
    {
        byte[] buffer = new byte[10];

        var error = Assert.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(buffer, WebSocketOpcode.Text, true, "Hello"u8, 1));

        Assert.Equal("destination", error.ParamName);
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(11, WebSocketFrameEncoder.WriteFrame(new byte[11], WebSocketOpcode.Text, true, "Hello"u8, 1));
    }

    [Fact]
    public void Refuses_a_negative_header_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameEncoder.WriteHeader(new byte[14], WebSocketOpcode.Binary, true, -1, 1));
    }

    [Fact]
    public void Writes_a_close_frame_with_code_and_reason()
    {
        byte[] buffer = new byte[131];

        int written = WebSocketFrameEncoder.WriteCloseFrame(buffer, 1000, "done", 0x11223344);

        (WebSocketFrameHeader header, byte[] payload) = ReadClientFrame(buffer.AsSpan(0, written));
        Assert.Equal(WebSocketOpcode.Close, header.Opcode);
        Assert.True(header.Fin);
        WebSocketCloseStatus.ReadPayload(payload, out int code, out string reason);
        Assert.Equal(1000, code);
        Assert.Equal("done", reason);
        Assert.Equal(131, WebSocketFrameEncoder.WriteCloseFrame(buffer, 1000, new string('x', 123), 1));
    }

    [Fact]
    public void Encoded_server_style_frames_decode_to_the_same_messages_at_every_split()
    {
        // Frames the encoder writes, unmasked as a server would send them, through the client decoder.
        var messages = new List<(WebSocketOpcode Opcode, byte[] Payload)>
        {
            (WebSocketOpcode.Text, Encoding.UTF8.GetBytes("héllo")),
            (WebSocketOpcode.Binary, new byte[1000]),
            (WebSocketOpcode.Text, []),
        };
        var wire = new List<byte>();
        foreach ((WebSocketOpcode opcode, byte[] payload) in messages)
        {
            var header = new WebSocketFrameHeader { Fin = true, Opcode = opcode, PayloadLength = payload.Length };
            byte[] frame = new byte[header.EncodedLength];
            header.Write(frame);
            wire.AddRange(frame);
            wire.AddRange(payload);
        }

        foreach (int piece in new[] { 0, 1, 3, 64 })
        {
            List<FrameEvent> events = FrameDriver.DecodeAll([.. wire], piece);
            Assert.Equal(3, events.Count(e => e.Kind == WebSocketFrameEventKind.EndOfMessage));
            Assert.Equal(messages.Select(m => m.Opcode), events.Where(e => e.Kind == WebSocketFrameEventKind.DataFrameStart).Select(e => e.Header.Opcode));
            Assert.Equal(messages.SelectMany(m => m.Payload), events.Where(e => e.Kind == WebSocketFrameEventKind.PayloadData).SelectMany(e => e.Payload));
        }
    }
}
