using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Masks and unmasks WebSocket payloads in place (RFC 6455 §5.3): octet <c>i</c> of the payload is XORed with octet
/// <c>i mod 4</c> of the masking key. Masking and unmasking are the same operation.
/// </summary>
/// <remarks>
/// The work is vectorised: whole <see cref="Vector{T}"/> blocks are XORed with the key repeated across a vector, then
/// 8-byte words, then single bytes. A payload can be processed in pieces of any size by passing each piece's position
/// in the payload as the offset.
/// </remarks>
public static class WebSocketMasking
{
    /// <summary>XORs <paramref name="data"/> in place with the masking key.</summary>
    /// <param name="data">Payload bytes to mask or unmask.</param>
    /// <param name="maskingKey">The key in wire order, as in <see cref="WebSocketFrameHeader.MaskingKey"/>.</param>
    /// <param name="payloadOffset">
    /// The position of <c>data[0]</c> within the frame's payload (0 for a whole payload), so that a payload split into
    /// pieces is masked with the right key octets.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadOffset"/> is negative.</exception>
    public static void Apply(Span<byte> data, uint maskingKey, long payloadOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadOffset);

        // Rotate the key so that its first octet is the one data[0] is masked with, then lay it out in memory order:
        // every aligned group of four bytes from data[0] on is XORed with the same four octets.
        int rotation = (int)(payloadOffset & 3) * 8;
        uint rotated = BitOperations.RotateLeft(maskingKey, rotation);
        uint pattern = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(rotated) : rotated;

        int index = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var keyVector = Vector.AsVectorByte(new Vector<uint>(pattern));
            Span<Vector<byte>> blocks = MemoryMarshal.Cast<byte, Vector<byte>>(data);
            for (int i = 0; i < blocks.Length; i++)
            {
                blocks[i] ^= keyVector;
            }

            index = blocks.Length * Vector<byte>.Count;
        }

        ulong pattern64 = ((ulong)pattern << 32) | pattern;
        Span<ulong> words = MemoryMarshal.Cast<byte, ulong>(data[index..]);
        for (int i = 0; i < words.Length; i++)
        {
            words[i] ^= pattern64;
        }

        index += words.Length * sizeof(ulong);

        // The tail: fewer than eight bytes, starting at a multiple of four from data[0].
        for (; index < data.Length; index++)
        {
            data[index] ^= (byte)(rotated >> (24 - ((index & 3) * 8)));
        }
    }
}
