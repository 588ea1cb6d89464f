using System;

namespace Reqivo.Protocol.Http1;

/// <summary>Body bytes of Content-Length, close-delimited and chunked bodies (RFC 9112 §6.3, §7.1).</summary>
public sealed partial class Http1ResponseDecoder
{
    /// <summary>The longest prefix of <paramref name="available"/> that belongs to the body (or current chunk).</summary>
    private ReadOnlySpan<byte> TakeBody(ReadOnlySpan<byte> available)
    {
        // A close-delimited body owns every byte until the close (RFC 9112 §6.3 (8)); the others stop at their length.
        int length = available.Length;
        if (_phase != Phase.CloseDelimitedBody)
        {
            length = (int)Math.Min(_remaining, length);
            _remaining -= length;
        }

        _bodyBytesReceived += length;
        return available[..length];
    }
}
