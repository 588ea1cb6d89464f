using System;
using System.Buffers;
using System.IO;

namespace Reqivo.Content;

/// <summary>
/// Decodes response bodies whose <c>Content-Encoding</c> (RFC 9110 §8.4) is gzip, deflate (zlib-wrapped or raw), br,
/// or a list of those applied one after another; <c>identity</c> is ignored. A body with any other coding is left as
/// it is: check <see cref="CanDecode"/> to know whether the returned bytes are decoded.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Every decoded body is bounded by <see cref="DecompressionLimits"/>
/// (<see cref="ProtocolLimitExceededException"/>); corrupt or truncated data raises <see cref="ContentDecodingException"/>.
/// A <c>Content-Encoding</c> sent in several field lines must be passed joined with commas, in order.
/// </remarks>
public static class ContentDecoding
{
    /// <summary>The <c>Accept-Encoding</c> value that advertises every coding this class decodes: <c>gzip, deflate, br</c>.</summary>
    public static string AcceptEncoding => "gzip, deflate, br";

    /// <summary>Whether every coding in the value can be decoded (true for null, empty and <c>identity</c>).</summary>
    /// <param name="contentEncoding">The <c>Content-Encoding</c> field value, or null when absent.</param>
    public static bool CanDecode(string? contentEncoding) => ContentCodingList.TryParse(contentEncoding, out _);

    /// <summary>
    /// Decodes a body held in memory. Returns <paramref name="body"/> itself when there is nothing to undo, when it is
    /// empty, or when a coding is unknown (see <see cref="CanDecode"/>).
    /// </summary>
    /// <param name="contentEncoding">The <c>Content-Encoding</c> field value, or null when absent.</param>
    /// <param name="body">The encoded body.</param>
    /// <param name="limits">The bounds on the decoded body, or null for <see cref="DecompressionLimits.Default"/>.</param>
    /// <exception cref="ProtocolLimitExceededException">The decoded body exceeds a limit.</exception>
    /// <exception cref="ContentDecodingException">The body is corrupt or truncated.</exception>
    public static byte[] Decode(string? contentEncoding, byte[] body, DecompressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0 || !ContentCodingList.TryParse(contentEncoding, out ContentCoding[] codings) || codings.Length == 0)
        {
            return body;
        }

        limits ??= DecompressionLimits.Default;
        using Stream decoded = Build(codings, new MemoryStream(body, writable: false), limits);
        return ReadToEnd(decoded, body.Length, limits);
    }

    /// <summary>
    /// Wraps a streamed body in a stream that decodes it while it is read (sync or async), enforcing the limits as it
    /// goes. Returns <paramref name="body"/> itself when there is nothing to undo or a coding is unknown (see
    /// <see cref="CanDecode"/>). Disposing the returned stream disposes <paramref name="body"/>.
    /// </summary>
    /// <param name="contentEncoding">The <c>Content-Encoding</c> field value, or null when absent.</param>
    /// <param name="body">The encoded body, read forward only.</param>
    /// <param name="limits">The bounds on the decoded body, or null for <see cref="DecompressionLimits.Default"/>.</param>
    public static Stream Wrap(string? contentEncoding, Stream body, DecompressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!ContentCodingList.TryParse(contentEncoding, out ContentCoding[] codings) || codings.Length == 0)
        {
            return body;
        }

        return Build(codings, body, limits ?? DecompressionLimits.Default);
    }

    private static BoundedDecodingStream Build(ContentCoding[] decodeOrder, Stream body, DecompressionLimits limits)
    {
        // The ratio is measured against the bytes that came over the wire, before any layer is undone.
        var wire = new EncodedInput(body);
        Stream layer = wire;
        foreach (ContentCoding coding in decodeOrder)
        {
            EncodedInput input = layer as EncodedInput ?? new EncodedInput(layer);
            layer = coding == ContentCoding.Brotli ? new BrotliDecodingStream(input) : new InflatingStream(coding, input);
        }

        return new BoundedDecodingStream(layer, wire, limits);
    }

    private static byte[] ReadToEnd(Stream decoded, int encodedLength, DecompressionLimits limits)
    {
        // The decoded stream stops one byte past MaxDecompressedSize, so the buffer never needs to grow beyond that.
        long cap = Math.Min(limits.MaxDecompressedSize + 1, Array.MaxLength);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, Math.Max(16 * 1024, encodedLength * 4L)));
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= cap)
                    {
                        throw new ProtocolLimitExceededException(nameof(DecompressionLimits.MaxDecompressedSize), cap - 1, "The decoded response body");
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, buffer.Length * 2L));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = decoded.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    return buffer.AsSpan(0, filled).ToArray();
                }

                filled += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
