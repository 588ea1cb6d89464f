using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Bodies;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// How the body writer gathers small pieces into its 16 KiB block: exact fits stay buffered, a piece of a whole block
/// or more goes straight to the sink after what was buffered, and a stream is read into the block's free space.
/// </summary>
public sealed class BodyCoalescingTests
{
    private const int Block = 16 * 1024;
    private const int MinReadSize = 4 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_piece_that_exactly_fills_the_free_space_stays_buffered(bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);

        await Write(writer, Bytes(100, 1), async);
        await Write(writer, Bytes(Block - 100, 2), async);
        Assert.Empty(sink.Sizes);
        await Flush(writer, async);

        Assert.Equal([Block], sink.Sizes);
        Assert.Equal(Bytes(100, 1).Concat(Bytes(Block - 100, 2)), sink.Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_piece_one_byte_too_large_for_the_free_space_flushes_the_block_first(bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);

        await Write(writer, Bytes(100, 1), async);
        await Write(writer, Bytes(Block - 99, 2), async);
        await Flush(writer, async);

        Assert.Equal([100, Block - 99], sink.Sizes);
        Assert.Equal(Bytes(100, 1).Concat(Bytes(Block - 99, 2)), sink.Bytes);
    }

    [Theory]
    [InlineData(Block, false)]
    [InlineData(Block, true)]
    [InlineData(Block + 3000, false)]
    public async Task A_piece_of_a_whole_block_or_more_goes_straight_to_the_sink_after_the_buffered_bytes(int size, bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);

        await Write(writer, Bytes(10, 1), async);
        await Write(writer, Bytes(size, 2), async);

        // Written before any flush, in order.
        Assert.Equal([10, size], sink.Sizes);
        Assert.Equal(Bytes(10, 1).Concat(Bytes(size, 2)), sink.Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Flushing_an_empty_block_writes_nothing(bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);

        await Flush(writer, async);

        Assert.Empty(sink.Sizes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_copied_to_its_length_stays_buffered_even_when_little_space_is_left(bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);
        byte[] data = Bytes(Block - MinReadSize + 1, 3);

        long copied = await Copy(writer, new StrictSource(data, async), data.Length, async);

        Assert.Equal(data.Length, copied);
        Assert.Empty(sink.Sizes);
        await Flush(writer, async);
        Assert.Equal(data, sink.Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_is_read_into_exactly_4_KiB_of_free_space_without_a_flush(bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);
        await Write(writer, Bytes(Block - MinReadSize, 1), async);

        Assert.Equal(10, await Copy(writer, new StrictSource(Bytes(10, 2), async), 10, async));
        await Flush(writer, async);

        Assert.Equal([Block - MinReadSize + 10], sink.Sizes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_with_less_than_4_KiB_of_free_space_flushes_the_block_first(bool async)
    {
        var sink = new SizeSink(async);
        using var writer = new CoalescingBodyWriter(sink);
        await Write(writer, Bytes(Block - MinReadSize + 1, 1), async);

        Assert.Equal(10, await Copy(writer, new StrictSource(Bytes(10, 2), async), null, async));
        await Flush(writer, async);

        Assert.Equal([Block - MinReadSize + 1, 10], sink.Sizes);
    }

    [Fact]
    public void A_disposed_writer_refuses_writes()
    {
        var writer = new CoalescingBodyWriter(new SizeSink(async: false));
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => SyncPath.Wait(writer.WriteAsync(new byte[1], false, CancellationToken.None)));
    }

    private static byte[] Bytes(int count, byte value) => Enumerable.Repeat(value, count).ToArray();

    private static async Task Write(CoalescingBodyWriter writer, byte[] data, bool async)
    {
        if (async)
        {
            await writer.WriteAsync(data, true, CancellationToken.None);
        }
        else
        {
            SyncPath.Wait(writer.WriteAsync(data, false, CancellationToken.None));
        }
    }

    private static async Task Flush(CoalescingBodyWriter writer, bool async)
    {
        if (async)
        {
            await writer.FlushAsync(true, CancellationToken.None);
        }
        else
        {
            SyncPath.Wait(writer.FlushAsync(false, CancellationToken.None));
        }
    }

    private static async Task<long> Copy(CoalescingBodyWriter writer, Stream source, long? length, bool async) =>
        async
            ? await writer.CopyFromAsync(source, length, true, CancellationToken.None)
            : SyncPath.Result(writer.CopyFromAsync(source, length, false, CancellationToken.None));

    /// <summary>A sink that records the size and bytes of each write and fails a write through the other mode.</summary>
    private sealed class SizeSink(bool async) : IBodySink
    {
        private readonly List<byte> _bytes = [];

        public List<int> Sizes { get; } = [];

        public byte[] Bytes => [.. _bytes];

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool asyncWrite, CancellationToken cancellationToken)
        {
            Assert.Equal(async, asyncWrite);
            Sizes.Add(data.Length);
            _bytes.AddRange(data.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
