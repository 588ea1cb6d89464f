using System;
using System.Buffers;
using System.Linq;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Internal;

/// <summary>The pooled request-head buffer: Advance bounds, growth only when needed, its arrays back to the pool.</summary>
public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Advance_refuses_a_negative_count()
    {
        using var writer = new PooledBufferWriter(16);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));

        Assert.Equal("count", error.ParamName);
        Assert.Equal(0, writer.WrittenCount);
    }

    [Fact]
    public void Advance_refuses_more_than_the_free_space_after_what_was_written()
    {
        using var writer = new PooledBufferWriter(16);
        writer.Write([1, 2, 3, 4]);
        int free = writer.Buffer.Length - 4;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(free + 1));
        writer.Advance(free);

        Assert.Equal("count", error.ParamName);
        Assert.Equal(writer.Buffer.Length, writer.WrittenCount);
    }

    [Fact]
    public void A_request_that_exactly_fits_the_free_space_keeps_the_buffer()
    {
        using var writer = new PooledBufferWriter(16);
        byte[] buffer = writer.Buffer;
        writer.Write(new byte[buffer.Length - 4]);

        Span<byte> span = writer.GetSpan(4);

        Assert.Same(buffer, writer.Buffer);
        Assert.Equal(4, span.Length);
    }

    [Fact]
    public void GetMemory_grows_the_buffer_to_the_size_hint()
    {
        using var writer = new PooledBufferWriter(16);
        writer.Write(new byte[writer.Buffer.Length]);

        Memory<byte> memory = writer.GetMemory(100);

        Assert.True(memory.Length >= 100);
    }

    [Fact]
    public void Writes_past_the_capacity_keep_every_byte()
    {
        using var writer = new PooledBufferWriter(16);
        byte[] data = Enumerable.Range(0, 3 * writer.Buffer.Length + 5).Select(i => (byte)i).ToArray();

        writer.Write(data.AsSpan(0, 10));
        writer.Write(data.AsSpan(10));

        Assert.Equal(data, writer.WrittenMemory.ToArray());
    }

    [Fact]
    public void Growing_returns_the_outgrown_array_to_the_pool()
    {
        using var writer = new PooledBufferWriter(16);
        byte[] outgrown = writer.Buffer;
        writer.Write(new byte[outgrown.Length + 1]);

        Assert.NotSame(outgrown, writer.Buffer);
        AssertPooled(outgrown);
    }

    [Fact]
    public void Dispose_returns_the_array_to_the_pool_once()
    {
        var writer = new PooledBufferWriter(16);
        byte[] buffer = writer.Buffer;

        writer.Dispose();
        writer.Dispose();

        Assert.Equal(0, writer.WrittenCount);
        AssertPooled(buffer);
    }

    private static void AssertPooled(byte[] probe)
    {
        byte[] again = ArrayPool<byte>.Shared.Rent(probe.Length);
        ArrayPool<byte>.Shared.Return(again);
        Assert.Same(probe, again);
    }
}
