using System;
using System.Buffers;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Protocol;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Internal;

/// <summary>Reading a whole body into memory: the size limit at its exact boundary, growth of the buffer, the pool.</summary>
public sealed class ResponseBufferingTests
{
    private const int InitialPooledSize = 16 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_announced_length_equal_to_the_limit_is_read(bool async)
    {
        var content = ScriptedContent.WithLength([1, 2, 3], [4, 5]);

        byte[] body = await ResponseBuffering.ReadAllAsync(content, limit: 5, async, CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, body);
    }

    [Fact]
    public async Task An_announced_length_over_the_limit_fails_before_any_byte_is_read()
    {
        var content = ScriptedContent.WithLength(new byte[6]);

        var error = await Assert.ThrowsAsync<ProtocolLimitExceededException>(
            async () => await ResponseBuffering.ReadAllAsync(content, limit: 5, async: true, CancellationToken.None));

        Assert.Equal(nameof(SessionOptions.MaxResponseBodySize), error.LimitName);
        Assert.Equal(5, error.Limit);
        Assert.Contains("response body", error.Message, StringComparison.Ordinal);
        Assert.Empty(content.ReadModes);
    }

    [Fact]
    public async Task An_unannounced_body_exactly_at_the_limit_is_read()
    {
        var content = new ScriptedContent(null, [1, 2, 3], [4, 5]);

        byte[] body = await ResponseBuffering.ReadAllAsync(content, limit: 5, async: true, CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, body);
    }

    [Fact]
    public async Task An_unannounced_body_one_block_past_the_limit_fails()
    {
        var content = new ScriptedContent(null, [1, 2, 3], [4, 5, 6]);

        var error = await Assert.ThrowsAsync<ProtocolLimitExceededException>(
            async () => await ResponseBuffering.ReadAllAsync(content, limit: 5, async: true, CancellationToken.None));

        Assert.Equal(5, error.Limit);
    }

    [Fact]
    public async Task An_announced_empty_body_is_the_shared_empty_array()
    {
        var content = ScriptedContent.WithLength();

        byte[] body = await ResponseBuffering.ReadAllAsync(content, limit: 5, async: true, CancellationToken.None);

        Assert.Same(Array.Empty<byte>(), body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unannounced_body_larger_than_the_first_buffer_is_copied_whole(bool async)
    {
        // A small block first, then one larger than twice the initial buffer: growth must fit filled + block.
        byte[] first = Pattern(1000, seed: 1);
        byte[] second = Pattern(3 * InitialPooledSize, seed: 2);
        byte[] third = Pattern(InitialPooledSize + 7, seed: 3);
        var content = new ScriptedContent(null, first, second, third);

        byte[] body = await ResponseBuffering.ReadAllAsync(content, limit: long.MaxValue, async, CancellationToken.None);

        Assert.Equal(first.Concat(second).Concat(third).ToArray(), body);
    }

    [Fact]
    public void The_pooled_buffer_goes_back_to_the_pool()
    {
        byte[] probe = SeedPool(InitialPooledSize);
        var content = new ScriptedContent(null, [1, 2, 3]);

        byte[] body = SyncPath.Result(ResponseBuffering.ReadAllAsync(content, limit: 100, async: false, CancellationToken.None));

        Assert.Equal(new byte[] { 1, 2, 3 }, body);
        AssertPooled(probe);
    }

    [Fact]
    public void Both_the_outgrown_and_the_grown_buffers_go_back_to_the_pool()
    {
        byte[] small = SeedPool(InitialPooledSize);
        byte[] large = SeedPool(2 * InitialPooledSize);
        var content = new ScriptedContent(null, Pattern(InitialPooledSize, 4), Pattern(100, 5));

        byte[] body = SyncPath.Result(ResponseBuffering.ReadAllAsync(content, limit: long.MaxValue, async: false, CancellationToken.None));

        Assert.Equal(InitialPooledSize + 100, body.Length);
        AssertPooled(small);
        AssertPooled(large);
    }

    /// <summary>Puts an array of the size in this thread's pool slot, so the next rent of that size gets it.</summary>
    private static byte[] SeedPool(int size)
    {
        byte[] probe = ArrayPool<byte>.Shared.Rent(size);
        ArrayPool<byte>.Shared.Return(probe);
        return probe;
    }

    private static void AssertPooled(byte[] probe)
    {
        byte[] again = ArrayPool<byte>.Shared.Rent(probe.Length);
        ArrayPool<byte>.Shared.Return(again);
        Assert.Same(probe, again);
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed);
        }

        return bytes;
    }
}
