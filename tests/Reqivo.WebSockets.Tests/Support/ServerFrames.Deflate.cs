using System;
using System.IO;
using System.IO.Compression;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>Compressed payloads as a permessage-deflate server sends them, made with the BCL's DeflateStream.</summary>
internal static partial class ServerFrames
{
    /// <summary>Raw DEFLATE with a sync flush and the 00 00 FF FF tail removed, as RFC 7692 §7.2.1 sends it.</summary>
    public static byte[] Deflated(byte[] data)
    {
        using var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(data);
        deflate.Flush();
        byte[] flushed = output.ToArray();
        Assert.True(flushed.AsSpan()[^4..].SequenceEqual(new byte[] { 0, 0, 0xFF, 0xFF }));
        return flushed[..^4];
    }
}
