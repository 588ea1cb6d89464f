using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport.Tests;

/// <summary>
/// The queue under the in-memory streams and listener: what a waiting taker (blocked or asynchronous) is woken by,
/// and what it finds.
/// </summary>
public class InMemoryQueueTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_waiting_taker_gets_the_item_enqueued_later(bool async)
    {
        var queue = new InMemoryQueue<string>();

        Task<(TakeStatus Status, string? Item)> taking = StartWaitingTake(queue, async, Deadline.Infinite, CancellationToken.None);
        Assert.True(queue.TryEnqueue("first"));

        Assert.Equal((TakeStatus.Taken, "first"), await taking);
        Assert.False(queue.HasItems);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Completing_wakes_a_waiting_taker_with_Completed(bool async)
    {
        var queue = new InMemoryQueue<string>();

        Task<(TakeStatus Status, string? Item)> taking = StartWaitingTake(queue, async, Deadline.Infinite, CancellationToken.None);
        queue.Complete();

        Assert.Equal((TakeStatus.Completed, null), await taking);
        Assert.True(queue.IsCompleted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_wakes_a_waiting_taker_with_an_OperationCanceledException(bool async)
    {
        var queue = new InMemoryQueue<string>();
        using var cancellation = new CancellationTokenSource();

        Task<(TakeStatus Status, string? Item)> taking = StartWaitingTake(queue, async, Deadline.Infinite, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => taking);
        // The queue still works for the next taker.
        Assert.True(queue.TryEnqueue("after"));
        Assert.Equal((TakeStatus.Taken, "after"), await queue.TakeAsync(async, Deadline.Infinite, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_passed_deadline_is_TimedOut(bool async)
    {
        var queue = new InMemoryQueue<string>();

        Assert.Equal((TakeStatus.TimedOut, null), await queue.TakeAsync(async, Deadline.After(TimeSpan.FromMilliseconds(30)), CancellationToken.None));
        Assert.Equal((TakeStatus.TimedOut, null), await queue.TakeAsync(async, Deadline.After(TimeSpan.Zero), CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Items_left_at_completion_are_still_taken_in_order_then_Completed(bool async)
    {
        var queue = new InMemoryQueue<string>();
        Assert.True(queue.TryEnqueue("a"));
        Assert.True(queue.TryEnqueue("b"));
        queue.Complete();

        Assert.False(queue.TryEnqueue("c"));
        Assert.Equal((TakeStatus.Taken, "a"), await queue.TakeAsync(async, Deadline.Infinite, CancellationToken.None));
        Assert.Equal((TakeStatus.Taken, "b"), await queue.TakeAsync(async, Deadline.Infinite, CancellationToken.None));
        Assert.Equal((TakeStatus.Completed, null), await queue.TakeAsync(async, Deadline.Infinite, CancellationToken.None));
    }

    [Fact]
    public async Task Completing_and_draining_hands_back_what_was_left_and_wakes_takers()
    {
        var queue = new InMemoryQueue<string>();
        Assert.True(queue.TryEnqueue("x"));
        Assert.True(queue.TryEnqueue("y"));

        Assert.Equal(["x", "y"], queue.CompleteAndDrain());
        Assert.False(queue.HasItems);
        Assert.Equal((TakeStatus.Completed, null), await queue.TakeAsync(async: true, Deadline.Infinite, CancellationToken.None));
        Assert.False(queue.TryEnqueue("z"));
    }

    [Fact]
    public async Task Successive_asynchronous_waits_each_wait_for_their_own_item()
    {
        var queue = new InMemoryQueue<int>();

        for (int i = 0; i < 3; i++)
        {
            Task<(TakeStatus Status, int Item)> taking = StartWaitingTake(queue, async: true, Deadline.Infinite, CancellationToken.None);
            Assert.False(taking.IsCompleted);
            Assert.True(queue.TryEnqueue(i));
            Assert.Equal((TakeStatus.Taken, i), await taking);
        }
    }

    /// <summary>Starts a take on an empty queue and returns once the taker is really waiting.</summary>
    private static Task<(TakeStatus Status, T? Item)> StartWaitingTake<T>(InMemoryQueue<T> queue, bool async, Deadline deadline, CancellationToken cancellationToken)
    {
        if (async)
        {
            Task<(TakeStatus Status, T? Item)> pending = queue.TakeAsync(async: true, deadline, cancellationToken).AsTask();
            Assert.False(pending.IsCompleted);
            return pending;
        }

        var thread = new TaskCompletionSource<Thread>();
        Task<(TakeStatus Status, T? Item)> blocked = Task.Factory.StartNew(
            () =>
            {
                thread.SetResult(Thread.CurrentThread);
                ValueTask<(TakeStatus Status, T? Item)> take = queue.TakeAsync(async: false, deadline, cancellationToken);
                Assert.True(take.IsCompleted);
                return take.Result;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Thread taker = thread.Task.GetAwaiter().GetResult();
        Assert.True(Io.Eventually(() => (taker.ThreadState & ThreadState.WaitSleepJoin) != 0));
        return blocked;
    }
}
