using System;
using System.Buffers;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Writes content in the chunked transfer coding (RFC 9112 §7.1):
/// <c>chunk-size CRLF chunk-data CRLF</c> per chunk, then <c>0 CRLF</c>, the trailer section and a final CRLF.
/// </summary>
/// <remarks>
/// Chunk sizes are lowercase hexadecimal without leading zeros, and no chunk extensions are sent. The
/// encoder keeps no state: the caller writes the chunks of one body in order and ends it with
/// <see cref="WriteLastChunk"/>. Nothing allocates.
/// </remarks>
public static class ChunkedEncoder
{
    // 16 hex digits hold any 64-bit size.
    private const int MaxChunkHeaderLength = 16 + 2;

    /// <summary>
    /// Writes <paramref name="data"/> as one chunk. Empty data writes nothing, because a chunk of size zero
    /// is the last-chunk and would end the body (RFC 9112 §7.1).
    /// </summary>
    /// <param name="data">The chunk data.</param>
    /// <param name="output">Where the bytes go.</param>
    public static void WriteChunk(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (data.IsEmpty)
        {
            return;
        }

        int headerLength = WireText.HexLength((ulong)data.Length) + 2;
        long total = headerLength + (long)data.Length + 2;
        Span<byte> span = output.GetSpan(headerLength);
        if (span.Length >= total)
        {
            // The common case: the whole chunk fits in the buffer already on offer, one Advance.
            var writer = new WireSpanWriter(span);
            writer.WriteHex((ulong)data.Length);
            writer.WriteCrlf();
            writer.Write(data);
            writer.WriteCrlf();
            output.Advance(writer.Position);
            return;
        }

        WriteChunkHeader(data.Length, output);
        CopyInPieces(data, output);
        WriteChunkEnd(output);
    }

    /// <summary>
    /// Writes <c>chunk-size CRLF</c>, for example <c>1a\r\n</c>, so that the caller can then write
    /// <paramref name="size"/> bytes of data straight to the output and close the chunk with
    /// <see cref="WriteChunkEnd"/>.
    /// </summary>
    /// <param name="size">The number of data bytes that will follow; must be positive.</param>
    /// <param name="output">Where the bytes go.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is zero or negative: a zero-size chunk would end the body.</exception>
    public static void WriteChunkHeader(long size, IBufferWriter<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentNullException.ThrowIfNull(output);

        var writer = new WireSpanWriter(output.GetSpan(MaxChunkHeaderLength));
        writer.WriteHex((ulong)size);
        writer.WriteCrlf();
        output.Advance(writer.Position);
    }

    /// <summary>Writes the CRLF that closes a chunk's data.</summary>
    /// <param name="output">Where the bytes go.</param>
    public static void WriteChunkEnd(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        "\r\n"u8.CopyTo(output.GetSpan(2));
        output.Advance(2);
    }

    /// <summary>
    /// Ends the body: writes the last-chunk <c>0\r\n</c>, the trailer fields in order, and the final CRLF
    /// (RFC 9112 §7.1, §7.1.2). Trailer values are written as UTF-8.
    /// </summary>
    /// <param name="trailers">The trailer fields, or null for none. Announce them in a <c>Trailer</c> header field (RFC 9110 §6.6.2).</param>
    /// <param name="output">Where the bytes go.</param>
    /// <exception cref="ArgumentException">
    /// A trailer field is one that must be known before the content — framing, routing, authentication,
    /// request modifiers, response controls or content format (RFC 9110 §6.5.1) — or a value holds an
    /// unpaired surrogate. Nothing was written.
    /// </exception>
    public static void WriteLastChunk(HttpHeaders? trailers, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // "0\r\n" + trailer section + "\r\n"
        long length = 3 + 2;
        if (trailers is not null)
        {
            foreach (HttpField field in trailers)
            {
                if (TrailerFieldRules.IsForbidden(field.Name))
                {
                    throw new ArgumentException(
                        $"'{field.Name}' cannot be sent as a trailer field: it must be known before the content is processed (RFC 9110 §6.5.1).",
                        nameof(trailers));
                }

                length += WireText.FieldLineLength(field, nameof(trailers));
            }
        }

        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"The trailer section would be {length} bytes, more than a single buffer can hold.", nameof(trailers));
        }

        var writer = new WireSpanWriter(output.GetSpan((int)length));
        writer.Write("0\r\n"u8);
        if (trailers is not null)
        {
            foreach (HttpField field in trailers)
            {
                writer.WriteFieldLine(field);
            }
        }

        writer.WriteCrlf();
        output.Advance(writer.Position);
    }

    private static void CopyInPieces(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        while (!data.IsEmpty)
        {
            Span<byte> span = output.GetSpan();
            int count = Math.Min(span.Length, data.Length);
            data[..count].CopyTo(span);
            output.Advance(count);
            data = data[count..];
        }
    }
}
