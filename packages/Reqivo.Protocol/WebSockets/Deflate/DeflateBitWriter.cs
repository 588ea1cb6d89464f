using System;
using System.Buffers.Binary;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Writes DEFLATE bits least-significant first (RFC 1951 §3.1.1) into a span the caller sized. Bits that do not
/// yet fill a byte stay in <see cref="PendingBits"/>/<see cref="PendingCount"/> so a stream can continue in the
/// next span.
/// </summary>
internal ref struct DeflateBitWriter
{
    private readonly Span<byte> _destination;
    private ulong _bits;
    private int _count;

    public DeflateBitWriter(Span<byte> destination, ulong pendingBits, int pendingCount)
    {
        _destination = destination;
        _bits = pendingBits;
        _count = pendingCount;
        Written = 0;
    }

    /// <summary>Whole bytes written into the destination.</summary>
    public int Written { get; private set; }

    public readonly ulong PendingBits => _bits;

    public readonly int PendingCount => _count;

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="value"/> (at most 32).</summary>
    public void Write(uint value, int count)
    {
        _bits |= (ulong)value << _count;
        _count += count;
        if (_count >= 32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_destination.Slice(Written, 4), (uint)_bits);
            Written += 4;
            _bits >>= 32;
            _count -= 32;
        }
    }

    /// <summary>Writes out pending whole bytes and pads the last partial byte with zero bits (RFC 1951 §3.2.4).</summary>
    public void AlignToByte()
    {
        while (_count > 0)
        {
            _destination[Written++] = (byte)_bits;
            _bits >>= 8;
            _count = Math.Max(0, _count - 8);
        }

        _bits = 0;
    }

    /// <summary>Writes out whole pending bytes, keeping fewer than eight bits pending.</summary>
    public void FlushWholeBytes()
    {
        while (_count >= 8)
        {
            _destination[Written++] = (byte)_bits;
            _bits >>= 8;
            _count -= 8;
        }
    }

    /// <summary>Copies bytes after <see cref="AlignToByte"/>.</summary>
    public void WriteAlignedBytes(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination.Slice(Written));
        Written += bytes.Length;
    }
}
