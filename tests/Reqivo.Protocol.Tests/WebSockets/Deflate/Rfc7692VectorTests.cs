using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Reqivo.Protocol.WebSockets;
using Reqivo.Tests;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>The six examples of RFC 7692 §7.2.3, from the shared vectors file.</summary>
public sealed class Rfc7692VectorTests
{
    public static IEnumerable<object[]> Examples()
    {
        if (TestVectors.Root is null)
        {
            yield return ["absent"];
            yield break;
        }

        foreach (JsonElement example in Load().GetProperty("permessage_deflate").EnumerateArray())
        {
            yield return [example.GetProperty("id").GetString()!];
        }
    }

    [VectorTheory]
    [MemberData(nameof(Examples))]
    public void Every_example_decompresses_to_its_message(string id)
    {
        JsonElement example = Load().GetProperty("permessage_deflate").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        string[] frames = example.GetProperty("frames").EnumerateArray().Select(f => f.GetString()!).ToArray();
        bool perFrameMessages = example.TryGetProperty("context_takeover", out JsonElement takeover) && takeover.GetBoolean();
        string[] expected = perFrameMessages
            ? example.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToArray()
            : [example.GetProperty("message").GetString()!];

        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1 << 20);
        var messages = new List<string>();
        if (perFrameMessages)
        {
            foreach (string frame in frames)
            {
                messages.Add(Encoding.UTF8.GetString(DeflateTestData.Decompress(decompressor, Payload(frame))));
            }
        }
        else
        {
            // A fragmented message: fed fragment by fragment, RSV1 only on the first frame.
            var output = new ArrayBufferWriter<byte>();
            for (int i = 0; i < frames.Length; i++)
            {
                decompressor.Decompress(Payload(frames[i]), endOfMessage: i == frames.Length - 1, output);
            }

            messages.Add(Encoding.UTF8.GetString(output.WrittenSpan));
        }

        Assert.Equal(expected, messages);
        Assert.True((Convert.FromHexString(frames[0])[0] & 0x40) != 0, "RSV1 marks the first frame of a compressed message");
    }

    [VectorFact]
    public void Hello_compresses_to_the_bytes_of_section_7_2_3_1_and_again_through_the_shared_window()
    {
        JsonElement examples = Load().GetProperty("permessage_deflate");
        string single = examples.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "rfc7692-7.2.3.1-a").GetProperty("frames")[0].GetString()!;
        string[] takeover = examples.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "rfc7692-7.2.3.2")
            .GetProperty("frames").EnumerateArray().Select(f => f.GetString()!).ToArray();

        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);
        byte[] first = DeflateTestData.Compress(compressor, "Hello"u8);
        byte[] second = DeflateTestData.Compress(compressor, "Hello"u8);

        Assert.Equal(Payload(single), first);
        Assert.Equal(Payload(takeover[0]), first);

        // §7.2.3.2 shows zlib's choice (a literal 'H' then a 4-byte match); this encoder finds the whole 5-byte match
        // one message back (02 13 00 00), shorter still. Either way it only inflates with the first message's window.
        Assert.Equal(Convert.FromHexString("02130000"), second);
        Assert.True(second.Length < Payload(takeover[1]).Length + 1);
        Assert.Equal("HelloHello"u8.ToArray(), DeflateTestData.InflateWithBcl(first, second));
    }

    [Fact]
    public void An_empty_message_compresses_to_a_single_zero_byte_and_back()
    {
        // RFC 7692 §7.2.3.6: an empty message is the single octet 0x00 once the tail is removed.
        using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);
        using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 100);

        byte[] compressed = DeflateTestData.Compress(compressor, []);

        Assert.Equal(new byte[] { 0x00 }, compressed);
        Assert.Empty(DeflateTestData.Decompress(decompressor, compressed));
    }

    private static byte[] Payload(string frameHex)
    {
        byte[] frame = Convert.FromHexString(frameHex);
        int length = frame[1] & 0x7F;
        Assert.True(length < 126 && (frame[1] & 0x80) == 0, "the examples are short unmasked frames");
        return frame.AsSpan(2, length).ToArray();
    }

    private static JsonElement Load() =>
        JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("websocket/rfc6455-rfc7692-examples.json"))).RootElement;
}
