using System;
using System.Buffers.Text;
using System.Text;

namespace Reqivo.Benchmarks;

/// <summary>
/// The least work that finds the same message framing as the decoder: an <c>IndexOf</c> loop over lines, the
/// <c>Content-Length</c> value and the chunk sizes, with no validation, no limits, no strings and no resumption. It
/// assumes well-formed input given whole, so it is a lower bound for the benchmarks, not a parser.
/// </summary>
internal static class LowerBoundScanner
{
    /// <summary>Scans a whole response; returns the number of body bytes (without chunk framing).</summary>
    public static int BodyLength(ReadOnlySpan<byte> response)
    {
        int contentLength = -1;
        bool chunked = false;
        int position = LineEnd(response, 0);
        while (true)
        {
            int end = LineEnd(response, position);
            ReadOnlySpan<byte> line = response[position..(end - 2)];
            position = end;
            if (line.IsEmpty)
            {
                break;
            }

            int colon = line.IndexOf((byte)':');
            ReadOnlySpan<byte> name = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ');
            if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                _ = Utf8Parser.TryParse(value, out contentLength, out _);
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = true;
            }
        }

        return chunked ? ChunkedBodyLength(response, position) : contentLength;
    }

    private static int ChunkedBodyLength(ReadOnlySpan<byte> response, int position)
    {
        int body = 0;
        while (true)
        {
            int end = LineEnd(response, position);
            _ = Utf8Parser.TryParse(response[position..(end - 2)], out int size, out _, 'x');
            position = end;
            if (size == 0)
            {
                // The trailer section: lines up to the empty one.
                while (LineEnd(response, position) - position > 2)
                {
                    position = LineEnd(response, position);
                }

                return body;
            }

            body += size;
            position += size + 2;
        }
    }

    private static int LineEnd(ReadOnlySpan<byte> response, int start) => start + response[start..].IndexOf("\r\n"u8) + 2;
}
