using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>Encodes test data with .NET's own encoders, independent of the decoders under test.</summary>
internal static class Codecs
{
    /// <summary>The coding names the tests encode with; "zlib" and "raw" are the two forms of "deflate".</summary>
    public static TheoryData<string> All => new() { "gzip", "zlib", "raw", "br" };

    public static byte[] Encode(string form, byte[] data)
    {
        var output = new MemoryStream();
        using (Stream encoder = form switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "zlib" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "raw" => new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
        })
        {
            encoder.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>The Content-Encoding token for an encoder form.</summary>
    public static string TokenOf(string form) => form is "zlib" or "raw" ? "deflate" : form;

    /// <summary>Text-like data that compresses about 2:1, well inside the default ratio limit.</summary>
    public static byte[] Text(int length, int seed = 7)
    {
        var random = new Random(seed);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz ,.\n0123456789";
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)Alphabet[random.Next(Alphabet.Length)];
        }

        return bytes;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
