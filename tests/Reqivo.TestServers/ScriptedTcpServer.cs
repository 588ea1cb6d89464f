using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.TestServers;

/// <summary>
/// A raw TCP server on 127.0.0.1 that plays a <see cref="ServerScript"/> on each connection, for tests against
/// malformed, slow, truncated and hostile peers. It counts and records every accepted connection.
/// </summary>
/// <example>
/// <code>
/// await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n").SendSlowly("HTTP/1.1 200 OK\r\n", TimeSpan.FromMilliseconds(5)).Abort());
/// // connect to server.Port, then:
/// ScriptedConnection first = await server.WaitForConnectionAsync(0);
/// await first.Completion;
/// Assert.StartsWith("GET / HTTP/1.1\r\n", first.ReceivedText);
/// </code>
/// </example>
public sealed class ScriptedTcpServer : IAsyncDisposable, IDisposable
{
    private readonly Socket _listener;
    private readonly Func<int, ServerScript> _scriptFor;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ScriptedConnection> _connections = [];
    private readonly List<TaskCompletionSource<ScriptedConnection>> _accepted = [];
    private readonly List<Task> _running = [];
    private readonly Task _acceptLoop;
    private int _disposed;

    /// <summary>Starts a server that plays <paramref name="script"/> on every connection.</summary>
    public ScriptedTcpServer(ServerScript script)
        : this(_ => script)
    {
    }

    /// <summary>Starts a server that plays <c>scriptFor(index)</c> on the connection with that index (0 for the first).</summary>
    public ScriptedTcpServer(Func<int, ServerScript> scriptFor)
    {
        _scriptFor = scriptFor;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where the server listens (127.0.0.1 and an ephemeral port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The port the server listens on.</summary>
    public int Port => EndPoint.Port;

    /// <summary>How many connections the server has accepted.</summary>
    public int AcceptedCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The connections accepted so far, in order.</summary>
    public IReadOnlyList<ScriptedConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Completes when the connection with the given index (0 for the first) has been accepted.</summary>
    public Task<ScriptedConnection> WaitForConnectionAsync(int index)
    {
        lock (_connections)
        {
            return Volatile.Read(ref _disposed) != 0 && index >= _connections.Count
                ? Task.FromException<ScriptedConnection>(new ObjectDisposedException(nameof(ScriptedTcpServer)))
                : AcceptedSignal(index).Task;
        }
    }

    /// <summary>Stops listening, cuts every connection and waits for their scripts to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await Task.WhenAll(RunningTasks());
        _stopping.Dispose();
    }

    /// <summary>Stops listening, cuts every connection and waits (bounded) for their scripts to end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Dispose();
        Task.WaitAll(RunningTasks(), TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    private Task[] RunningTasks()
    {
        lock (_connections)
        {
            return [_acceptLoop, .. _running];
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptAsync(_stopping.Token);
                lock (_connections)
                {
                    int index = _connections.Count;
                    var connection = new ScriptedConnection(index, socket, _scriptFor(index));
                    _connections.Add(connection);
                    _running.Add(connection.RunAsync(_stopping.Token));
                    AcceptedSignal(index).TrySetResult(connection);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed: the listener is closed.
        }
        finally
        {
            lock (_connections)
            {
                foreach (TaskCompletionSource<ScriptedConnection> waiter in _accepted.Where(w => !w.Task.IsCompleted))
                {
                    waiter.TrySetException(new ObjectDisposedException(nameof(ScriptedTcpServer)));
                }
            }
        }
    }

    // Called under the lock.
    private TaskCompletionSource<ScriptedConnection> AcceptedSignal(int index)
    {
        while (_accepted.Count <= index)
        {
            _accepted.Add(new TaskCompletionSource<ScriptedConnection>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return _accepted[index];
    }
}
