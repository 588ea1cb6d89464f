using System;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets.Tests.Internal;

/// <summary>The pooled buffer behind received messages and compressed sends, and the sync path's completion check.</summary>
public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Writes_through_every_entry_point_accumulate_in_order_and_grow_past_the_first_buffer()
    {
        using var writer = new PooledBufferWriter(16);
        int initial = writer.Buffer.Length;

        writer.Write("ab"u8);
        Span<byte> span = writer.GetSpan(3);
        "cde"u8.CopyTo(span);
        writer.Advance(3);
        Memory<byte> memory = writer.GetMemory(initial * 3);
        Assert.True(memory.Length >= initial * 3, $"{memory.Length} bytes offered for a hint of {initial * 3}");
        memory.Span.Fill((byte)'z');
        writer.Advance(initial * 3);
        writer.Write(new byte[] { (byte)'!' });

        Assert.Equal(5 + (initial * 3) + 1, writer.WrittenCount);
        Assert.Equal("abcde"u8.ToArray(), writer.WrittenMemory[..5].ToArray());
        Assert.All(writer.WrittenMemory.Span[5..^1].ToArray(), b => Assert.Equal((byte)'z', b));
        Assert.Equal((byte)'!', writer.WrittenMemory.Span[^1]);
    }

    [Fact]
    public void A_hint_of_zero_still_offers_space_and_reset_starts_over()
    {
        using var writer = new PooledBufferWriter(4);
        writer.Write(new byte[writer.Buffer.Length]);

        Assert.NotEqual(0, writer.GetSpan().Length);
        Assert.NotEqual(0, writer.GetMemory().Length);
        writer.Reset();
        Assert.Equal(0, writer.WrittenCount);
        Assert.True(writer.WrittenMemory.IsEmpty);
    }

    [Fact]
    public void Advance_rejects_negative_counts_and_counts_beyond_the_space_offered()
    {
        using var writer = new PooledBufferWriter(16);
        writer.Write("abc"u8);
        int free = writer.GetSpan().Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(free + 1));
        writer.Advance(free);
        Assert.Equal(3 + free, writer.WrittenCount);
    }

    [Fact]
    public void Dispose_empties_the_writer_and_may_be_repeated()
    {
        var writer = new PooledBufferWriter(16);
        writer.Write("abc"u8);

        writer.Dispose();
        writer.Dispose();

        Assert.Equal(0, writer.WrittenCount);
        Assert.Empty(writer.Buffer);
    }

    [Fact]
    public void The_sync_path_refuses_a_task_that_did_not_complete_and_passes_results_and_errors_through()
    {
        var pending = new TaskCompletionSource<int>();

        InvalidOperationException result = Assert.Throws<InvalidOperationException>(() => SyncPath.Result(new ValueTask<int>(pending.Task)));
        InvalidOperationException wait = Assert.Throws<InvalidOperationException>(() => SyncPath.Wait(new ValueTask(pending.Task)));

        Assert.Contains("did not complete synchronously", result.Message, StringComparison.Ordinal);
        Assert.Contains("did not complete synchronously", wait.Message, StringComparison.Ordinal);
        Assert.Equal(7, SyncPath.Result(new ValueTask<int>(7)));
        Assert.Throws<TimeoutException>(() => SyncPath.Wait(ValueTask.FromException(new TimeoutException())));
    }
}
