using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Tests;

/// <summary>
/// Stands in for a UI thread's synchronization context: it records every continuation posted to it and runs them
/// on the thread pool. Library code must never resume on its caller's context (every internal await uses
/// <c>ConfigureAwait(false)</c>): on a real UI thread a resumed continuation would queue behind the UI, and a caller
/// that blocks on the task would deadlock. So after a call started with this context current, <see cref="Posts"/>
/// stays zero.
/// </summary>
internal sealed class RecordingSynchronizationContext : SynchronizationContext
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _posted = new();

    /// <summary>How many continuations were posted to this context.</summary>
    public int Posts => _posted.Count;

    /// <summary>What was posted (the continuation's target type), so a failing test names the await that resumed here.</summary>
    public string PostedBy => string.Join(", ", _posted);

    public override void Post(SendOrPostCallback d, object? state)
    {
        _posted.Enqueue(Describe(d, state));
        ThreadPool.UnsafeQueueUserWorkItem(_ => RunOnThisContext(d, state), null);
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        _posted.Enqueue(Describe(d, state));
        RunOnThisContext(d, state);
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>
    /// Starts <paramref name="operation"/> with this context current, as a caller on a UI thread would, then waits
    /// for it without capturing any context itself (so only the library's own awaits can post here).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<ValueTask<T>> operation)
    {
        ValueTask<T> pending = StartHere(operation);
        return await pending.ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync{T}(Func{ValueTask{T}})"/>
    public async Task RunAsync(Func<ValueTask> operation)
    {
        ValueTask pending = StartHere(operation);
        await pending.ConfigureAwait(false);
    }

    private TResult StartHere<TResult>(Func<TResult> start)
    {
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return start();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private static string Describe(SendOrPostCallback d, object? state) =>
        $"{d.Method.DeclaringType?.Name}.{d.Method.Name}({(state as Delegate)?.Target?.GetType().FullName ?? state?.GetType().FullName})";

    private void RunOnThisContext(SendOrPostCallback d, object? state)
    {
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        try
        {
            d(state);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
