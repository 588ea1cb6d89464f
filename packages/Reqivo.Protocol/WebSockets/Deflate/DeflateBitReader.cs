using System;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// Reads DEFLATE bits least-significant first (RFC 1951 §3.1.1) from a message followed by the 00 00 FF FF tail
/// that RFC 7692 §7.2.2 appends, without copying the two into one buffer. Running out of input is corrupt data:
/// the whole compressed message is present when it is read.
/// </summary>
internal ref struct DeflateBitReader
{
    private readonly ReadOnlySpan<byte> _first;
    private readonly ReadOnlySpan<byte> _second;
    private int _position;
    private ulong _bits;
    private int _count;

    public DeflateBitReader(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        _first = first;
        _second = second;
        _position = 0;
        _bits = 0;
        _count = 0;
    }

    /// <summary>Whether every input bit has been consumed, save padding inside the last byte.</summary>
    public readonly bool IsAtEnd => _position == _first.Length + _second.Length && _count < 8;

    public uint ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        Need(count);
        uint value = (uint)(_bits & ((1UL << count) - 1));
        _bits >>= count;
        _count -= count;
        return value;
    }

    /// <summary>Decodes one symbol with a table from <see cref="HuffmanDecodingTable"/>.</summary>
    public int DecodeSymbol(scoped ReadOnlySpan<ushort> table, int maxBits)
    {
        Refill();
        int entry = table[(int)(_bits & ((1UL << maxBits) - 1))];
        int length = entry & 15;
        if (length == 0 || length > _count)
        {
            throw DeflateDecoder.Corrupt(length == 0 ? "a bit pattern that no Huffman code uses" : "the data ends inside a Huffman code");
        }

        _bits >>= length;
        _count -= length;
        return entry >> 4;
    }

    /// <summary>Drops the bits up to the next byte boundary (RFC 1951 §3.2.4).</summary>
    public void AlignToByte()
    {
        int drop = _count & 7;
        _bits >>= drop;
        _count -= drop;
    }

    /// <summary>Copies whole bytes after <see cref="AlignToByte"/>.</summary>
    public void ReadBytes(Span<byte> destination)
    {
        int written = 0;
        while (written < destination.Length && _count >= 8)
        {
            destination[written++] = (byte)_bits;
            _bits >>= 8;
            _count -= 8;
        }

        while (written < destination.Length)
        {
            if (_position < _first.Length)
            {
                int n = Math.Min(destination.Length - written, _first.Length - _position);
                _first.Slice(_position, n).CopyTo(destination.Slice(written));
                written += n;
                _position += n;
            }
            else if (_position - _first.Length < _second.Length)
            {
                int offset = _position - _first.Length;
                int n = Math.Min(destination.Length - written, _second.Length - offset);
                _second.Slice(offset, n).CopyTo(destination.Slice(written));
                written += n;
                _position += n;
            }
            else
            {
                throw DeflateDecoder.Corrupt("the data ends inside a stored block");
            }
        }
    }

    private void Need(int count)
    {
        if (_count < count)
        {
            Refill();
            if (_count < count)
            {
                throw DeflateDecoder.Corrupt("the data ends inside a block");
            }
        }
    }

    private void Refill()
    {
        while (_count <= 56)
        {
            int byteValue;
            if (_position < _first.Length)
            {
                byteValue = _first[_position];
            }
            else if (_position - _first.Length < _second.Length)
            {
                byteValue = _second[_position - _first.Length];
            }
            else
            {
                return;
            }

            _bits |= (ulong)byteValue << _count;
            _count += 8;
            _position++;
        }
    }
}
