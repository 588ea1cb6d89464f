using System;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Tests;

public sealed class FramingTests
{
    [Fact]
    public void Writes_the_unmasked_hello_of_RFC_6455_section_5_7()
    {
        byte[] frame = FrameWriter.Build(FrameWriter.OpText, "Hello"u8);

        Assert.Equal(Convert.FromHexString("810548656c6c6f"), frame);
    }

    [Theory]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65535, 4)]
    [InlineData(65536, 10)]
    public void Chooses_the_shortest_length_encoding(int length, int headerLength)
    {
        byte[] frame = FrameWriter.Build(FrameWriter.OpBinary, [], repeatToLength: length);

        Assert.Equal(headerLength + length, frame.Length);
    }

    [Fact]
    public void Sets_reserved_bits_and_any_opcode_when_asked()
    {
        byte[] frame = FrameWriter.Build(11, [], fin: false, rsv: 5);

        Assert.Equal(0x5B, frame[0]);
    }

    [Fact]
    public void Parses_the_masked_hello_of_RFC_6455_section_5_7_split_anywhere()
    {
        byte[] wire = Convert.FromHexString("818537fa213d7f9f4d5158");
        var parser = new ClientFrameParser();

        parser.Append(wire.AsSpan(0, 3));
        Assert.False(parser.TryRead(out _));
        parser.Append(wire.AsSpan(3));
        Assert.True(parser.TryRead(out ClientFrame? frame));

        Assert.True(frame!.Fin);
        Assert.True(frame.Masked);
        Assert.Equal(FrameWriter.OpText, frame.Opcode);
        Assert.Equal("Hello"u8.ToArray(), frame.Payload);
    }
}
