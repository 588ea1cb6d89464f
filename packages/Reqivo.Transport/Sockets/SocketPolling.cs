using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>Waits with poll(2) until a non-blocking socket is ready, in slices so that a stop request is seen.</summary>
internal static class SocketPolling
{
    // poll(2) is not woken when another thread closes the socket, so a waiting thread looks up this often.
    private const int SliceMicroseconds = 200_000;

    /// <summary>
    /// Waits until <paramref name="socket"/> is ready for <paramref name="mode"/>, has failed or was disposed, or
    /// <paramref name="stop"/> says so: <see langword="true"/>, try the system call, which reports what happened.
    /// <see langword="false"/> when <paramref name="timeout"/>, counted from <paramref name="started"/>, elapsed first.
    /// </summary>
    public static bool Wait(Socket socket, SelectMode mode, TimeSpan timeout, long started, Func<bool> stop)
    {
        while (!stop())
        {
            int slice = SliceMicroseconds;
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                TimeSpan left = timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                slice = (int)Math.Min(slice, Math.Ceiling(left.TotalMicroseconds));
            }

            try
            {
                if (socket.Poll(slice, mode))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }

        return true;
    }
}
