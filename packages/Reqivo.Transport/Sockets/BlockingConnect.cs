using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>How a blocking connect enforces its timeout.</summary>
internal enum BlockingConnectStrategy
{
    /// <summary>
    /// Set SO_SNDTIMEO and call the blocking connect(2): Linux bounds connect by the send timeout (and always does
    /// for Unix domain sockets). The socket never leaves blocking mode.
    /// </summary>
    SendTimeout,

    /// <summary>
    /// Switch to non-blocking, start the connect, wait with select(2), switch back: portable. On Unix .NET then keeps
    /// the descriptor non-blocking and emulates blocking calls, which costs CPU on every later read and write.
    /// </summary>
    PollThenBlock,
}

/// <summary>
/// Connects a socket on the calling thread with a timeout, without any asynchronous socket API: PERFORMANCE.md
/// shows a truly blocking socket is the cheapest sync path, and a socket once touched by async APIs never is again.
/// </summary>
internal static class BlockingConnect
{
    public static BlockingConnectStrategy DefaultStrategy { get; } =
        OperatingSystem.IsLinux() || OperatingSystem.IsAndroid() ? BlockingConnectStrategy.SendTimeout : BlockingConnectStrategy.PollThenBlock;

    private static readonly Action<object?> DisposeSocket = static state => ((Socket)state!).Dispose();

    /// <summary>
    /// Connects or throws <see cref="SocketException"/> (<see cref="SocketError.TimedOut"/> or
    /// <see cref="SocketError.WouldBlock"/> when the timeout elapsed). Cancellation disposes the socket, which
    /// interrupts the blocking call; the caller turns what that throws into <see cref="OperationCanceledException"/>.
    /// </summary>
    public static void Connect(Socket socket, EndPoint remote, TimeSpan timeout, BlockingConnectStrategy strategy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(DisposeSocket, socket);
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            socket.Connect(remote);
        }
        else if (strategy == BlockingConnectStrategy.SendTimeout || socket.AddressFamily == AddressFamily.Unix)
        {
            ConnectWithSendTimeout(socket, remote, timeout);
        }
        else
        {
            ConnectByPolling(socket, remote, timeout);
        }
    }

    private static void ConnectWithSendTimeout(Socket socket, EndPoint remote, TimeSpan timeout)
    {
        socket.SendTimeout = TimeoutValues.ToSocketMilliseconds(timeout);
        socket.Connect(remote);
        socket.SendTimeout = 0;
    }

    private static void ConnectByPolling(Socket socket, EndPoint remote, TimeSpan timeout)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(remote);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // select(2) reports a finished connect as writable; a failed one as writable (Unix) or in error (Windows).
            var writable = new List<Socket>(1) { socket };
            var failed = new List<Socket>(1) { socket };
            Socket.Select(null, writable, failed, timeout);
            if (writable.Count == 0 && failed.Count == 0)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }
        }

        socket.Blocking = true;

        // Reading Connected lets .NET notice the connect that completed in the background and record the remote endpoint.
        _ = socket.Connected;
    }
}
