using System;
using System.Buffers;
using System.Collections.Generic;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that offers as little memory as its contract allows (at least
/// <c>sizeHint</c>, and only <see cref="MinimumSegment"/> bytes when no hint is given), like a pipe with
/// small segments; it checks that callers never advance past what they were given.
/// </summary>
internal sealed class ChunkedTestSegmentWriter(int minimumSegment) : IBufferWriter<byte>
{
    private readonly List<byte> _written = [];
    private byte[] _current = [];

    public int MinimumSegment { get; } = minimumSegment;

    public int GetSpanCalls { get; private set; }

    public byte[] WrittenBytes => _written.ToArray();

    public void Advance(int count)
    {
        if (count < 0 || count > _current.Length)
        {
            throw new InvalidOperationException($"Advanced {count} bytes past a span of {_current.Length}.");
        }

        _written.AddRange(_current.AsSpan(0, count));
        _current = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpanCalls++;
        _current = new byte[Math.Max(sizeHint, MinimumSegment)];
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
