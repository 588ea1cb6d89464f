using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

public sealed class MaskingTests
{
    private static void ReferenceMask(Span<byte> data, uint key, long offset)
    {
        byte[] keyBytes = [(byte)(key >> 24), (byte)(key >> 16), (byte)(key >> 8), (byte)key];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= keyBytes[(offset + i) % 4];
        }
    }

    [Fact]
    public void Matches_a_scalar_reference_for_every_length_up_to_1000_and_every_offset_alignment()
    {
        var random = new Random(6455);
        for (int length = 0; length <= 1000; length++)
        {
            byte[] original = new byte[length + 3];
            random.NextBytes(original);
            uint key = (uint)random.NextInt64(0, 1L << 32);
            long offset = random.Next(0, 1 << 20);
            int start = length % 4; // the data does not always start at an aligned address

            byte[] expected = (byte[])original.Clone();
            ReferenceMask(expected.AsSpan(start, length), key, offset);
            byte[] actual = (byte[])original.Clone();
            WebSocketMasking.Apply(actual.AsSpan(start, length), key, offset);

            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(1L << 40)]
    [InlineData((1L << 40) + 3)]
    public void Uses_the_key_octet_of_the_offset(long offset)
    {
        byte[] data = new byte[77];
        WebSocketMasking.Apply(data, 0x01020304, offset);

        for (int i = 0; i < data.Length; i++)
        {
            Assert.Equal((byte)(((offset + i) % 4) + 1), data[i]);
        }
    }

    [Fact]
    public void Masking_a_payload_in_pieces_equals_masking_it_whole()
    {
        var random = new Random(42);
        byte[] payload = new byte[5000];
        random.NextBytes(payload);
        byte[] whole = (byte[])payload.Clone();
        WebSocketMasking.Apply(whole, 0xdeadbeef);

        byte[] pieces = (byte[])payload.Clone();
        int position = 0;
        while (position < pieces.Length)
        {
            int length = Math.Min(random.Next(0, 300), pieces.Length - position);
            WebSocketMasking.Apply(pieces.AsSpan(position, length), 0xdeadbeef, position);
            position += length;
        }

        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Masking_twice_restores_the_payload()
    {
        byte[] payload = new byte[333];
        new Random(1).NextBytes(payload);
        byte[] data = (byte[])payload.Clone();

        WebSocketMasking.Apply(data, 0x37fa213d);
        Assert.NotEqual(payload, data);
        WebSocketMasking.Apply(data, 0x37fa213d);

        Assert.Equal(payload, data);
    }

    [Fact]
    public void Masks_the_rfc_6455_example_hello()
    {
        byte[] data = "Hello"u8.ToArray();

        WebSocketMasking.Apply(data, 0x37fa213d);

        Assert.Equal(Wire.Hex("7f9f4d5158"), data);
    }

    [Fact]
    public void Empty_data_is_left_alone_and_a_negative_offset_is_refused()
    {
        WebSocketMasking.Apply([], 0xffffffff, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketMasking.Apply(new byte[4], 1, -1));
    }
}
