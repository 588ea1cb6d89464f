using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Pooling;

namespace Reqivo.Pooling.Tests.Fakes;

/// <summary>
/// Creates <see cref="FakeConnection"/>s and counts them: calls, open connections (created and not yet
/// disposed) and the most ever open at once, overall and per key. Creation can be held at a gate and made
/// to fail.
/// </summary>
public sealed class FakeConnectionFactory : IConnectionFactory<FakeConnection>
{
    private readonly object _gate = new();
    private readonly List<FakeConnection> _created = [];
    private readonly Dictionary<PoolKey, (int Open, int MaxOpen)> _perKey = [];
    private readonly ConcurrentQueue<Exception> _failures = new();
    private TaskCompletionSource? _creationGate;
    private int _calls;
    private int _open;
    private int _maxOpen;
    private int _disposed;

    public int Calls => Volatile.Read(ref _calls);

    public int Open => Volatile.Read(ref _open);

    public int MaxOpen => Volatile.Read(ref _maxOpen);

    public int Disposed => Volatile.Read(ref _disposed);

    public IReadOnlyList<FakeConnection> Created
    {
        get
        {
            lock (_gate)
            {
                return [.. _created];
            }
        }
    }

    public int MaxOpenFor(PoolKey key)
    {
        lock (_gate)
        {
            return _perKey.TryGetValue(key, out var counts) ? counts.MaxOpen : 0;
        }
    }

    /// <summary>The next creation (after passing the gate) throws <paramref name="exception"/>.</summary>
    public void FailNext(Exception exception) => _failures.Enqueue(exception);

    /// <summary>Holds every creation until <see cref="OpenGate"/>.</summary>
    public void CloseGate() => _creationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OpenGate() => _creationGate?.TrySetResult();

    /// <summary>The connect timeout the pool passed on the last creation.</summary>
    public TimeSpan LastConnectTimeout { get; private set; }

    public FakeConnection Create(PoolKey key, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        LastConnectTimeout = connectTimeout;
        Interlocked.Increment(ref _calls);
        _creationGate?.Task.Wait(cancellationToken);
        return Finish(key);
    }

    public async ValueTask<FakeConnection> CreateAsync(PoolKey key, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        LastConnectTimeout = connectTimeout;
        Interlocked.Increment(ref _calls);
        if (_creationGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        return Finish(key);
    }

    private FakeConnection Finish(PoolKey key)
    {
        if (_failures.TryDequeue(out Exception? failure))
        {
            throw failure;
        }

        lock (_gate)
        {
            var connection = new FakeConnection(_created.Count + 1, key, OnDisposed);
            _created.Add(connection);
            _open++;
            _maxOpen = Math.Max(_maxOpen, _open);
            (int open, int maxOpen) = _perKey.GetValueOrDefault(key);
            _perKey[key] = (open + 1, Math.Max(maxOpen, open + 1));
            return connection;
        }
    }

    private void OnDisposed(FakeConnection connection)
    {
        lock (_gate)
        {
            _open--;
            _disposed++;
            (int open, int maxOpen) = _perKey[connection.Key];
            _perKey[connection.Key] = (open - 1, maxOpen);
        }
    }
}
