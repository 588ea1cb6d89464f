using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// Asynchronous connection racing after RFC 8305 ("Happy Eyeballs v2") §5: attempts start one at a time, in
/// the given order; the next starts when the previous fails or after the attempt delay, whichever comes first;
/// the first attempt to connect wins and the others are canceled and closed.
/// </summary>
internal static class HappyEyeballs
{
    public static async ValueTask<Socket> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, Func<AddressFamily, Socket> createSocket, TimeSpan attemptDelay, CancellationToken cancellationToken)
    {
        if (addresses.Count == 1)
        {
            return await ConnectOneAsync(addresses[0], port, createSocket, cancellationToken).ConfigureAwait(false);
        }

        using var losers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<Socket>>(addresses.Count);
        Exception? lastFailure = null;
        Task? attemptDelayElapsed = null;
        int next = 0;
        bool startNext = true;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (startNext && next < addresses.Count)
                {
                    running.Add(ConnectOneAsync(addresses[next++], port, createSocket, losers.Token));
                    attemptDelayElapsed = next < addresses.Count ? Task.Delay(attemptDelay, losers.Token) : null;
                }

                startNext = false;
                if (running.Count == 0)
                {
                    ExceptionDispatchInfo.Throw(lastFailure!);
                }

                var waitingFor = new List<Task>(running);
                if (attemptDelayElapsed is not null)
                {
                    waitingFor.Add(attemptDelayElapsed);
                }

                Task finished = await Task.WhenAny(waitingFor).ConfigureAwait(false);
                if (finished == attemptDelayElapsed)
                {
                    startNext = true;
                    continue;
                }

                var attempt = (Task<Socket>)finished;
                running.Remove(attempt);
                if (attempt.IsCompletedSuccessfully)
                {
                    return attempt.Result;
                }

                cancellationToken.ThrowIfCancellationRequested();
                lastFailure = attempt.Exception?.InnerException ?? new SocketException((int)SocketError.OperationAborted);
                startNext = true;
            }
        }
        finally
        {
            await losers.CancelAsync().ConfigureAwait(false);

            // An attempt can connect just before it sees the cancellation: close what no one will use.
            foreach (Task<Socket> loser in running)
            {
                _ = loser.ContinueWith(
                    static t => t.Result.Dispose(),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    private static async Task<Socket> ConnectOneAsync(IPAddress address, int port, Func<AddressFamily, Socket> createSocket, CancellationToken cancellationToken)
    {
        Socket socket = createSocket(address.AddressFamily);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
