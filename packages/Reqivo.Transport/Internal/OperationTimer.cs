using System;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>
/// Enforces a timeout on one asynchronous operation at a time by handing it a token that is canceled when the
/// timeout elapses or when the caller's token is canceled. One timer serves every read (another every write) of a
/// connection: its <see cref="CancellationTokenSource"/> is reset and reused, so a timed operation allocates nothing
/// in the steady state.
/// </summary>
/// <remarks>Not thread-safe: one operation at a time, which is the stream contract for each direction.</remarks>
internal sealed class OperationTimer : IDisposable
{
    private static readonly Action<object?> CancelSource = static state => ((CancellationTokenSource)state!).Cancel();

    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _callerRegistration;

    /// <summary>Starts timing an operation; pass the returned token to it and call <see cref="Stop"/> when it ends.</summary>
    public CancellationToken Start(TimeSpan timeout, CancellationToken callerToken)
    {
        if (_source is null || !_source.TryReset())
        {
            // A source whose timer fired (or whose caller canceled) cannot be reset: replace it.
            _source?.Dispose();
            _source = new CancellationTokenSource();
        }

        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.UnsafeRegister(CancelSource, _source);
        }

        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>Ends the timed operation: disarms the timer and unlinks the caller's token.</summary>
    public void Stop()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        _source?.TryReset();
    }

    /// <summary>Whether the last operation was canceled by the timeout rather than by the caller.</summary>
    public bool TimedOut(CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && _source is { IsCancellationRequested: true };

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _source?.Dispose();
    }
}
