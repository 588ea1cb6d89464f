using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>Shared helpers: inputs of several kinds and an independent inflater (System.IO.Compression) as oracle.</summary>
internal static class DeflateTestData
{
    public static readonly byte[] Tail = [0x00, 0x00, 0xFF, 0xFF];

    public static byte[] Text(int length)
    {
        var words = new[] { "permessage", "deflate", "window", "context", "takeover", "frame", "the", "a", "Reqivo", "\n" };
        var builder = new StringBuilder();
        var random = new Random(length);
        while (builder.Length < length)
        {
            builder.Append(words[random.Next(words.Length)]).Append(' ');
        }

        return Encoding.ASCII.GetBytes(builder.ToString(0, length));
    }

    public static byte[] Random(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Compress(PerMessageDeflateCompressor compressor, ReadOnlySpan<byte> message)
    {
        var output = new ArrayBufferWriter<byte>();
        compressor.Compress(message, output);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Decompress(PerMessageDeflateDecompressor decompressor, ReadOnlySpan<byte> payload)
    {
        var output = new ArrayBufferWriter<byte>();
        long length = decompressor.Decompress(payload, output);
        return length == output.WrittenCount ? output.WrittenSpan.ToArray() : throw new InvalidOperationException("length mismatch");
    }

    /// <summary>Inflates messages in order on one System.IO.Compression stream (context takeover), as a peer would; returns them concatenated.</summary>
    public static byte[] InflateWithBcl(params byte[][] payloads)
    {
        var input = new MemoryStream();
        foreach (byte[] payload in payloads)
        {
            input.Write(payload);
            input.Write(Tail);
        }

        input.Position = 0;
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        var all = new MemoryStream();
        inflater.CopyTo(all);
        return all.ToArray();
    }

    /// <summary>Compresses messages with System.IO.Compression's zlib (dynamic Huffman blocks), sync flush per message, tail stripped.</summary>
    public static byte[][] DeflateWithBcl(params byte[][] messages)
    {
        var sink = new MemoryStream();
        using var deflater = new DeflateStream(sink, CompressionLevel.Optimal, leaveOpen: true);
        var payloads = new byte[messages.Length][];
        for (int i = 0; i < messages.Length; i++)
        {
            if (messages[i].Length == 0)
            {
                // zlib flushes nothing for no input; RFC 7692 §7.2.3.6 gives the empty message as one 0x00 octet.
                payloads[i] = [0x00];
                continue;
            }

            long start = sink.Length;
            deflater.Write(messages[i]);
            deflater.Flush();
            byte[] flushed = sink.ToArray().AsSpan((int)start).ToArray();
            if (!flushed.AsSpan(flushed.Length - 4).SequenceEqual(Tail))
            {
                throw new InvalidOperationException("zlib's sync flush did not end in 00 00 FF FF");
            }

            payloads[i] = flushed.AsSpan(0, flushed.Length - 4).ToArray();
        }

        return payloads;
    }
}
