using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The limits a <see cref="WebSocketFrameDecoder"/> enforces on what the server sends, so a hostile or broken server
/// cannot make the client buffer without bound. Immutable: set the properties with an object initializer
/// (<c>new WebSocketLimits { MaxMessageLength = 1024 * 1024 }</c>).
/// </summary>
/// <remarks>
/// Both limits count payload bytes as they travel on the wire. For a compressed message (permessage-deflate) that is
/// the compressed size: the decompressed size is limited by the decompressor. A breach throws
/// <see cref="WebSocketProtocolException"/> with close code 1009, as soon as a frame header announces a length that
/// would exceed the limit, before any of its payload is read.
/// </remarks>
public sealed class WebSocketLimits
{
    private readonly long _maxFramePayloadLength = 16 * 1024 * 1024;
    private readonly long _maxMessageLength = 16 * 1024 * 1024;

    /// <summary>The default limits: 16 MiB per frame and 16 MiB per message.</summary>
    public static WebSocketLimits Default { get; } = new();

    /// <summary>The most payload bytes of one frame. Default 16 MiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxFramePayloadLength
    {
        get => _maxFramePayloadLength;
        init => _maxFramePayloadLength = Positive(value);
    }

    /// <summary>The most payload bytes of one message, summed over its frames. Default 16 MiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxMessageLength
    {
        get => _maxMessageLength;
        init => _maxMessageLength = Positive(value);
    }

    private static long Positive(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
