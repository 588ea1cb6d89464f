using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Reqivo.Protocol;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// A deliberately tiny and strict chunked decoder (RFC 9112 §7.1) for the encoder's round-trip tests;
/// the real decoder lives elsewhere. Strict means it also checks the encoder's own conventions:
/// lowercase hex, no leading zeros, no chunk extensions.
/// </summary>
internal static class ChunkedTestReader
{
    private static readonly SearchValues<char> LowercaseHexDigits = SearchValues.Create("0123456789abcdef");

    public static (byte[] Body, List<HttpField> Trailers) Decode(ReadOnlySpan<byte> encoded)
    {
        var body = new List<byte>();
        int position = 0;
        while (true)
        {
            string sizeLine = ReadLine(encoded, ref position);
            if (sizeLine.Length == 0 || sizeLine.AsSpan().ContainsAnyExcept(LowercaseHexDigits) || (sizeLine.Length > 1 && sizeLine[0] == '0'))
            {
                throw new InvalidDataException($"Bad chunk-size line '{sizeLine}'.");
            }

            long size = long.Parse(sizeLine, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            if (position + size + 2 > encoded.Length)
            {
                throw new InvalidDataException("Truncated chunk.");
            }

            body.AddRange(encoded.Slice(position, (int)size));
            position += (int)size;
            if (ReadLine(encoded, ref position).Length != 0)
            {
                throw new InvalidDataException("Chunk data not followed by CRLF.");
            }
        }

        var trailers = new List<HttpField>();
        for (string line = ReadLine(encoded, ref position); line.Length != 0; line = ReadLine(encoded, ref position))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"Bad trailer line '{line}'.");
            }

            trailers.Add(new HttpField(line[..colon], line[(colon + 2)..]));
        }

        if (position != encoded.Length)
        {
            throw new InvalidDataException($"{encoded.Length - position} bytes after the end of the chunked body.");
        }

        return (body.ToArray(), trailers);
    }

    private static string ReadLine(ReadOnlySpan<byte> encoded, ref int position)
    {
        int end = encoded[position..].IndexOf("\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException("Missing CRLF.");
        }

        string line = Encoding.UTF8.GetString(encoded.Slice(position, end));
        position += end + 2;
        return line;
    }
}
