using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Content;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>The encoded side of a decoding layer: peeking ahead without losing bytes, counting, the end, disposal.</summary>
public sealed class EncodedInputTests
{
    private static readonly byte[] Bytes = [1, 2, 3, 4, 5, 6];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peek_never_reaches_further_than_two_bytes(bool async)
    {
        var source = new StrictSource(Bytes, async);
        using var input = new EncodedInput(source);

        ReadOnlyMemory<byte> head = await Peek(input, 5, async);

        Assert.Equal([1, 2], head.ToArray());
        Assert.Equal(2, input.TotalRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peek_of_one_byte_returns_one_byte(bool async)
    {
        using var input = new EncodedInput(new StrictSource(Bytes, async));

        Assert.Equal([1], (await Peek(input, 1, async)).ToArray());
        Assert.Equal(1, input.TotalRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Peeked_bytes_are_read_again_even_when_taken_one_at_a_time(bool async)
    {
        using var input = new EncodedInput(new StrictSource(Bytes, async));
        await Peek(input, 2, async);

        byte[] one = new byte[1];
        Assert.Equal(1, await Read(input, one, async));
        Assert.Equal(1, one[0]);

        // What is left of the peek is what a second peek sees, and what the next read returns first.
        Assert.Equal([2], (await Peek(input, 2, async)).ToArray());
        byte[] rest = new byte[10];
        Assert.Equal(1, await Read(input, rest, async));
        Assert.Equal(2, rest[0]);

        Assert.Equal(4, await Read(input, rest, async));
        Assert.Equal([3, 4, 5, 6], rest[..4]);
        Assert.Equal(0, await Read(input, rest, async));
        Assert.True(input.ReachedEnd);
        Assert.Equal(6, input.TotalRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_empty_read_neither_reads_the_source_nor_ends_the_input(bool async)
    {
        var source = new StrictSource(Bytes, async);
        using var input = new EncodedInput(source);

        Assert.Equal(0, await Read(input, [], async));

        Assert.Equal(0, source.Reads);
        Assert.False(input.ReachedEnd);
        byte[] buffer = new byte[10];
        Assert.Equal(6, await Read(input, buffer, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_the_end_the_source_is_not_read_again(bool async)
    {
        var source = new StrictSource(Bytes, async);
        using var input = new EncodedInput(source);
        byte[] buffer = new byte[10];
        Assert.Equal(6, await Read(input, buffer, async));
        Assert.Equal(0, await Read(input, buffer, async));
        int reads = source.Reads;

        Assert.Equal(0, await Read(input, buffer, async));

        Assert.Equal(reads, source.Reads);
    }

    [Fact]
    public void The_last_four_bytes_are_kept_little_endian()
    {
        using var input = new EncodedInput(new StrictSource([9, 0x11, 0x22, 0x33, 0xF4], async: false));
        byte[] buffer = new byte[3];
        while (input.Read(buffer, 0, 3) > 0)
        {
        }

        Assert.Equal(0xF4332211u, input.LastFourBytes);
    }

    [Fact]
    public void Disposing_twice_disposes_the_source_once()
    {
        var source = new StrictSource(Bytes, async: false);
        var input = new EncodedInput(source);

        input.Dispose();
        input.Dispose();

        Assert.Equal(1, source.Disposals);
    }

    [Fact]
    public async Task Disposing_asynchronously_twice_disposes_the_source_once()
    {
        var source = new StrictSource(Bytes, async: true);
        var input = new EncodedInput(source);

        await input.DisposeAsync();
        await input.DisposeAsync();

        Assert.Equal(1, source.AsyncDisposals);
        Assert.Equal(1, source.Disposals);
    }

    private static async Task<ReadOnlyMemory<byte>> Peek(EncodedInput input, int count, bool async) =>
        async
            ? await input.PeekAsync(count, true, CancellationToken.None)
            : SyncPath.Result(input.PeekAsync(count, false, CancellationToken.None));

    private static async Task<int> Read(EncodedInput input, byte[] buffer, bool async) =>
        async ? await input.ReadAsync(buffer) : input.Read(buffer, 0, buffer.Length);
}
