using System;
using System.Threading;
using Reqivo.Pooling;

namespace Reqivo.Pooling.Tests.Fakes;

/// <summary>A poolable connection that records how the pool treated it.</summary>
public sealed class FakeConnection(int id, PoolKey key, Action<FakeConnection>? onFirstDispose = null) : IPoolableConnection
{
    private int _disposeCount;
    private int _isAliveCalls;
    private int _inUse;
    private volatile bool _alive = true;
    private volatile bool _disposeStarted;
    private ManualResetEventSlim? _disposeGate;

    public int Id { get; } = id;

    public PoolKey Key { get; } = key;

    /// <summary>What <see cref="IsAlive"/> answers.</summary>
    public bool Alive
    {
        get => _alive;
        set => _alive = value;
    }

    public int DisposeCount => Volatile.Read(ref _disposeCount);

    public bool IsDisposed => DisposeCount > 0;

    public int IsAliveCalls => Volatile.Read(ref _isAliveCalls);

    public bool IsAlive()
    {
        Interlocked.Increment(ref _isAliveCalls);
        if (IsDisposed)
        {
            throw new InvalidOperationException($"IsAlive was called on disposed connection {this}.");
        }

        return _alive;
    }

    /// <summary>Whether <see cref="Dispose"/> has been entered (it may be held by <see cref="HoldDispose"/>).</summary>
    public bool DisposeStarted => _disposeStarted;

    /// <summary>Makes the next <see cref="Dispose"/> block until <see cref="ReleaseDispose"/>.</summary>
    public void HoldDispose() => _disposeGate = new ManualResetEventSlim(false);

    public void ReleaseDispose() => _disposeGate?.Set();

    public void Dispose()
    {
        _disposeStarted = true;
        _disposeGate?.Wait(TimeSpan.FromSeconds(30));
        if (Interlocked.Increment(ref _disposeCount) == 1)
        {
            onFirstDispose?.Invoke(this);
        }
    }

    /// <summary>Marks the connection in use; throws if someone else is using it (the pool leased it twice).</summary>
    public void BeginUse()
    {
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
        {
            throw new InvalidOperationException($"Connection {this} was leased to two renters at once.");
        }

        if (IsDisposed)
        {
            throw new InvalidOperationException($"Connection {this} was leased after it was disposed.");
        }
    }

    public void EndUse() => Volatile.Write(ref _inUse, 0);

    public override string ToString() => $"#{Id} {Key}";
}
