using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

public sealed class FrameHeaderTests
{
    [Theory]
    [InlineData(0L, "8100")]
    [InlineData(125L, "817d")]
    [InlineData(126L, "817e007e")]
    [InlineData(65535L, "817effff")]
    [InlineData(65536L, "817f0000000000010000")]
    [InlineData(long.MaxValue, "817f7fffffffffffffff")]
    public void Writes_the_shortest_length_encoding(long payloadLength, string expectedHex)
    {
        var header = new WebSocketFrameHeader { Fin = true, Opcode = WebSocketOpcode.Text, PayloadLength = payloadLength };
        byte[] buffer = new byte[WebSocketFrameHeader.MaxLength];

        int written = header.Write(buffer);

        Assert.Equal(expectedHex, Convert.ToHexString(buffer, 0, written).ToLowerInvariant());
        Assert.Equal(written, header.EncodedLength);
    }

    [Theory]
    [InlineData(0L, false, 2)]
    [InlineData(125L, false, 2)]
    [InlineData(126L, false, 4)]
    [InlineData(65535L, false, 4)]
    [InlineData(65536L, false, 10)]
    [InlineData(0L, true, 6)]
    [InlineData(126L, true, 8)]
    [InlineData(65536L, true, 14)]
    public void Encoded_length_counts_extended_length_and_key(long payloadLength, bool masked, int expected)
    {
        Assert.Equal(expected, WebSocketFrameHeader.GetEncodedLength(payloadLength, masked));
    }

    [Fact]
    public void Negative_lengths_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameHeader.GetEncodedLength(-1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebSocketFrameHeader { PayloadLength = -1 });
    }

    [Fact]
    public void Writes_every_flag_bit_and_the_key_in_wire_order()
    {
        var header = new WebSocketFrameHeader
        {
            Fin = true, Rsv1 = true, Rsv2 = true, Rsv3 = true, Opcode = WebSocketOpcode.Pong,
            IsMasked = true, MaskingKey = 0x37fa213d, PayloadLength = 5,
        };
        byte[] buffer = new byte[WebSocketFrameHeader.MaxLength];

        int written = header.Write(buffer);

        Assert.Equal("fa8537fa213d", Convert.ToHexString(buffer, 0, written).ToLowerInvariant());
    }

    [Theory]
    [InlineData(true, false, false, false, 0x80)]
    [InlineData(false, true, false, false, 0x40)]
    [InlineData(false, false, true, false, 0x20)]
    [InlineData(false, false, false, true, 0x10)]
    public void Each_flag_has_its_own_bit(bool fin, bool rsv1, bool rsv2, bool rsv3, int expectedFirstByte)
    {
        var header = new WebSocketFrameHeader { Fin = fin, Rsv1 = rsv1, Rsv2 = rsv2, Rsv3 = rsv3 };
        byte[] buffer = new byte[2];

        header.Write(buffer);
        Assert.True(WebSocketFrameHeader.TryRead(buffer, out WebSocketFrameHeader read, out _));

        Assert.Equal(expectedFirstByte, buffer[0]);
        Assert.Equal(header, read);
    }

    [Theory]
    [InlineData(0L, false)]
    [InlineData(1L, true)]
    [InlineData(125L, false)]
    [InlineData(126L, true)]
    [InlineData(65535L, false)]
    [InlineData(65536L, true)]
    [InlineData(1L << 40, false)]
    [InlineData(long.MaxValue, true)]
    public void Round_trips_byte_by_byte_consuming_nothing_until_complete(long payloadLength, bool masked)
    {
        var header = new WebSocketFrameHeader
        {
            Fin = payloadLength % 2 == 0, Opcode = WebSocketOpcode.Binary, IsMasked = masked,
            MaskingKey = masked ? 0xa1b2c3d4 : 0, PayloadLength = payloadLength,
        };
        byte[] encoded = new byte[header.EncodedLength + 3];
        int length = header.Write(encoded);

        for (int available = 0; available < length; available++)
        {
            Assert.False(WebSocketFrameHeader.TryRead(encoded.AsSpan(0, available), out _, out int none));
            Assert.Equal(0, none);
        }

        Assert.True(WebSocketFrameHeader.TryRead(encoded, out WebSocketFrameHeader decoded, out int consumed));
        Assert.Equal(length, consumed);
        Assert.Equal(header, decoded);
    }

    [Fact]
    public void Reads_the_rfc_6455_masked_hello_header()
    {
        Assert.True(WebSocketFrameHeader.TryRead(Wire.Hex("818537fa213d7f9f4d5158"), out WebSocketFrameHeader header, out int consumed));

        Assert.Equal(6, consumed);
        Assert.True(header.Fin);
        Assert.Equal(WebSocketOpcode.Text, header.Opcode);
        Assert.True(header.IsMasked);
        Assert.Equal(0x37fa213du, header.MaskingKey);
        Assert.Equal(5, header.PayloadLength);
        Assert.False(header.IsControl);
    }

    [Theory]
    [InlineData("817e0005", 5L)]
    [InlineData("817f0000000000000005", 5L)]
    [InlineData("817f000000000000ffff", 65535L)]
    public void Accepts_a_length_in_a_longer_form_than_needed(string hex, long expected)
    {
        // RFC 6455 §5.2 asks the sender for the minimal encoding; the value is unambiguous, so the reader is lenient.
        Assert.True(WebSocketFrameHeader.TryRead(Wire.Hex(hex), out WebSocketFrameHeader header, out _));

        Assert.Equal(expected, header.PayloadLength);
    }

    [Theory]
    [InlineData("827f8000000000000000")]
    [InlineData("827fffffffffffffffff")]
    public void Refuses_a_64_bit_length_with_the_most_significant_bit_set(string hex)
    {
        var error = Assert.Throws<WebSocketProtocolException>(() => WebSocketFrameHeader.TryRead(Wire.Hex(hex), out _, out _));

        Assert.Equal(WebSocketViolation.InvalidPayloadLength, error.Violation);
        Assert.Equal(1002, error.CloseCode);
    }

    [Theory]
    [InlineData(0x3, false)]
    [InlineData(0x7, false)]
    [InlineData(0x8, true)]
    [InlineData(0xB, true)]
    [InlineData(0xF, true)]
    [InlineData(0x2, false)]
    public void Control_opcodes_have_the_high_bit(int opcode, bool control)
    {
        Assert.Equal(control, new WebSocketFrameHeader { Opcode = (WebSocketOpcode)opcode }.IsControl);
    }

    [Fact]
    public void Refuses_a_small_destination_and_an_opcode_wider_than_four_bits()
    {
        var header = new WebSocketFrameHeader { Opcode = WebSocketOpcode.Text, PayloadLength = 126 };

        Assert.Throws<ArgumentException>(() => header.Write(new byte[3]));
        Assert.Equal(4, header.Write(new byte[4]));
        Assert.Throws<ArgumentException>(() => (header with { Opcode = (WebSocketOpcode)0x10 }).Write(new byte[14]));
    }
}
