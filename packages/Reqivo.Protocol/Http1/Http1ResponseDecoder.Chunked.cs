using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// The chunked transfer coding (RFC 9112 §7.1):
/// <c>chunked-body = *chunk last-chunk trailer-section CRLF</c>,
/// <c>chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF</c>.
/// </summary>
/// <remarks>
/// Chunk framing requires CRLF: the bare-LF leniency of RFC 9112 §2.2 covers the start line and fields only, and
/// disagreeing about where a chunk ends is how request smuggling starts. The trailer section is made of field lines
/// and follows the field rules.
/// </remarks>
public sealed partial class Http1ResponseDecoder
{
    /// <summary>Consumes a complete chunk-size line at <paramref name="position"/> and sets <see cref="_chunkSize"/>.</summary>
    /// <returns>Whether a line was consumed; false when the input holds no complete line yet.</returns>
    private bool ReadChunkSizeLine(ReadOnlySpan<byte> input, ref int position)
    {
        int limit = Limits.MaxChunkSizeLineLength;
        int length = Http1Lines.FindLineLength(input[position..], limit, nameof(Http1Limits.MaxChunkSizeLineLength), limit, "A chunk-size line");
        if (length < 0)
        {
            return false;
        }

        ReadOnlySpan<byte> line = input.Slice(position, length);
        if (length < 2 || line[^2] != Http1Lines.CR)
        {
            throw new ProtocolException(ProtocolError.InvalidChunkSize, "A chunk-size line does not end with CRLF (RFC 9112 §7.1).");
        }

        ReadOnlySpan<byte> content = line[..^2];
        Http1Lines.ThrowIfBareCarriageReturn(content);
        _chunkSize = ParseChunkSize(content);
        position += length;
        return true;
    }

    /// <summary>chunk-size [ chunk-ext ], where chunk-size = 1*HEXDIG and chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ).</summary>
    private static long ParseChunkSize(ReadOnlySpan<byte> content)
    {
        long size = 0;
        int digits = 0;
        for (; digits < content.Length; digits++)
        {
            int digit = HexValue(content[digits]);
            if (digit < 0)
            {
                break;
            }

            // Leading zeros are allowed, so overflow is judged by value, not by the number of digits.
            if (size > long.MaxValue >> 4)
            {
                throw new ProtocolException(ProtocolError.InvalidChunkSize, "A chunk size does not fit in 63 bits (RFC 9112 §7.1).");
            }

            size = (size << 4) + digit;
        }

        if (digits == 0)
        {
            throw new ProtocolException(ProtocolError.InvalidChunkSize, "A chunk-size line does not start with a hexadecimal size (RFC 9112 §7.1).");
        }

        // RFC 9112 §7.1.1: chunk extensions are ignored, but they must start with ";" after optional whitespace
        // and must not hide control characters.
        ReadOnlySpan<byte> extensions = content[digits..].TrimStart(" \t"u8);
        if (!extensions.IsEmpty && (extensions[0] != (byte)';' || FieldSyntax.IndexOfInvalidValueByte(extensions) >= 0))
        {
            throw new ProtocolException(ProtocolError.InvalidChunkSize, "A chunk size is followed by something other than chunk extensions (RFC 9112 §7.1.1).");
        }

        return size;
    }

    /// <summary>Consumes the CRLF that must follow chunk data.</summary>
    /// <returns>Whether it was consumed; false when the input holds less than two bytes that could still be CRLF.</returns>
    private static bool ReadChunkDataEnd(ReadOnlySpan<byte> input, ref int position)
    {
        ReadOnlySpan<byte> rest = input[position..];

        // Checked byte by byte so that a wrong first byte fails at once, whatever the split.
        if ((rest.Length >= 1 && rest[0] != Http1Lines.CR) || (rest.Length >= 2 && rest[1] != Http1Lines.LF))
        {
            throw new ProtocolException(ProtocolError.InvalidChunkTerminator, "Chunk data is not followed by CRLF (RFC 9112 §7.1).");
        }

        if (rest.Length < 2)
        {
            return false;
        }

        position += 2;
        return true;
    }

    private static int HexValue(byte value) => value switch
    {
        >= (byte)'0' and <= (byte)'9' => value - '0',
        >= (byte)'a' and <= (byte)'f' => value - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => value - 'A' + 10,
        _ => -1,
    };
}
