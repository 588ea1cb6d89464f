using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Reqivo.Transport;

/// <summary>
/// Waits out the asynchronous reads of a non-blocking socket that found no data, on a thread of the connection's
/// own, and resumes the reader on that thread (see <see cref="SocketTransport.DedicatedReadThread"/>). The runtime's
/// socket engine hands every wake-up from its epoll thread to the thread pool; here poll(2) returns on the waiting
/// thread, which receives and runs the reader's continuation: one thread hand-off fewer per read that waits.
/// </summary>
/// <remarks>
/// One read at a time (the stream contract). The thread starts with the first read that has to wait and ends when
/// the stream is disposed. Data, end of stream, socket errors and timeouts resume the reader inline on this thread;
/// cancellation and disposal resume it on the thread pool, never inside the caller of <c>Cancel</c> or
/// <c>Dispose</c>.
/// </remarks>
internal sealed class DedicatedReader : IValueTaskSource<int>, IDisposable
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Finishing = 2;

    private readonly Socket _socket;
    private readonly TransportEndpoint _endpoint;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly Func<bool> _stopWaiting;

    // Continuations run inline on purpose: resuming the reader on this thread is the point of the class.
    private ManualResetValueTaskSourceCore<int> _core;
    private Thread? _thread;
    private int _state;
    private volatile bool _disposed;

    // The read in progress, written before _state becomes Waiting.
    private Memory<byte> _buffer;
    private TimeSpan _timeout;
    private long _started;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;

    public DedicatedReader(Socket socket, TransportEndpoint endpoint)
    {
        _socket = socket;
        _endpoint = endpoint;
        _stopWaiting = () => _disposed || Volatile.Read(ref _state) != Waiting;
    }

    /// <summary>The thread, once started; tests check that it ends.</summary>
    internal Thread? Thread => _thread;

    /// <summary>Whether a read is waiting for data; tests order their peer's sends after it.</summary>
    internal bool IsWaiting => Volatile.Read(ref _state) == Waiting;

    /// <summary>Reads at least one byte (or end of stream) into <paramref name="buffer"/> once the socket has some.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        if (Volatile.Read(ref _state) != Idle)
        {
            return ValueTask.FromException<int>(new InvalidOperationException("A read is already in progress on this connection; one read at a time is allowed."));
        }

        _core.Reset();
        short version = _core.Version;
        _buffer = buffer;
        _timeout = timeout;
        _started = Stopwatch.GetTimestamp();
        _cancellationToken = cancellationToken;
        Volatile.Write(ref _state, Waiting);
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static reader => ((DedicatedReader)reader!).Cancel(), this);
        }

        if (_thread is null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = $"Reqivo reader {_endpoint}" };
            _thread.UnsafeStart();
        }

        _requests.Release();

        // Checked once the read is published as waiting: a Dispose before that found no read to end (and the thread
        // may have left), a Dispose after it ends the read itself.
        if (_disposed && TryClaim())
        {
            Fail(new ObjectDisposedException(nameof(PolledSocketStream)));
        }

        return new ValueTask<int>(this, version);
    }

    public void Dispose()
    {
        _disposed = true;
        _requests.Release();
        if (Interlocked.CompareExchange(ref _state, Finishing, Waiting) == Waiting)
        {
            FailOnThreadPool(TransportErrors.ReadFailed(SocketError.OperationAborted, _timeout, _endpoint));
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Run()
    {
        while (true)
        {
            _requests.Wait();
            if (_disposed)
            {
                return;
            }

            Serve();
        }
    }

    private void Serve()
    {
        while (true)
        {
            bool ready = SocketPolling.Wait(_socket, SelectMode.SelectRead, _timeout, _started, _stopWaiting);
            if (!TryClaim())
            {
                return; // cancelled or disposed meanwhile
            }

            if (!ready)
            {
                Fail(TransportErrors.ReadFailed(SocketError.TimedOut, _timeout, _endpoint));
                return;
            }

            int received;
            SocketError error;
            try
            {
                received = _socket.Receive(_buffer.Span, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                Fail(TransportErrors.ReadFailed(SocketError.OperationAborted, _timeout, _endpoint));
                return;
            }

            if (error == SocketError.WouldBlock)
            {
                // A spurious wake-up: wait again, and honour a cancellation that came while the read was claimed.
                Volatile.Write(ref _state, Waiting);
                if (_cancellationToken.IsCancellationRequested)
                {
                    Cancel();
                }

                continue;
            }

            if (error != SocketError.Success)
            {
                Fail(TransportErrors.ReadFailed(error, _timeout, _endpoint));
                return;
            }

            Release();
            _core.SetResult(received);
            return;
        }
    }

    private void Fail(Exception error)
    {
        Release();
        _core.SetException(error);
    }

    private void FailOnThreadPool(Exception error) =>
        ThreadPool.UnsafeQueueUserWorkItem(static pending => pending.Reader.Fail(pending.Error), (Reader: this, Error: error), preferLocal: false);

    private void Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Finishing, Waiting) == Waiting)
        {
            FailOnThreadPool(new OperationCanceledException(_cancellationToken));
        }
    }

    private bool TryClaim() => Interlocked.CompareExchange(ref _state, Finishing, Waiting) == Waiting;

    // Forgets the finished read before resuming its reader, whose continuation may start the next one right here.
    private void Release()
    {
        _registration.Unregister();
        _registration = default;
        _buffer = default;
        _cancellationToken = default;
        Volatile.Write(ref _state, Idle);
    }
}
