using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>
/// The one place where operating-system and framework exceptions become Reqivo exceptions. Every transport in
/// this package reports failures through these methods, so the mapping rules live together:
/// <list type="bullet">
/// <item>the caller's cancellation always wins and stays <see cref="OperationCanceledException"/>;</item>
/// <item>a timeout (a passed deadline, a socket timeout, a timer token) becomes the matching <see cref="ReqivoTimeoutException"/>;</item>
/// <item>connect failures become <see cref="ConnectException"/>/<see cref="TlsException"/> carrying the socket error;</item>
/// <item>stream failures that are not timeouts stay <see cref="IOException"/> (the stream contract) with the socket error inside.</item>
/// </list>
/// </summary>
internal static class TransportErrors
{
    /// <summary>Maps a failure while resolving or connecting a socket.</summary>
    public static Exception ConnectFailed(Exception error, TransportEndpoint endpoint, TimeSpan timeout, bool deadlineExpired, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The connect was canceled.", error, cancellationToken);
        }

        // An OperationCanceledException that is not the caller's came from the connect-timeout token.
        if (deadlineExpired || error is OperationCanceledException)
        {
            return new ConnectTimeoutException(endpoint, timeout, error);
        }

        return error is SocketException socketError
            ? new ConnectException(endpoint, Describe(socketError.SocketErrorCode), socketError.SocketErrorCode, socketError)
            : new ConnectException(endpoint, error.Message, null, error);
    }

    /// <summary>No listener at the endpoint (used where no operating system reports it, for example in memory).</summary>
    public static ConnectException Refused(TransportEndpoint endpoint) =>
        new(endpoint, Describe(SocketError.ConnectionRefused), SocketError.ConnectionRefused);

    /// <summary>Maps a failure of the TLS handshake.</summary>
    public static Exception TlsHandshakeFailed(
        Exception error, TransportEndpoint endpoint, TimeSpan timeout, bool deadlineExpired, CertificateValidationRecorder validation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The TLS handshake was canceled.", error, cancellationToken);
        }

        if (deadlineExpired || error is OperationCanceledException || FindInChain<ReqivoTimeoutException>(error) is not null)
        {
            return new ConnectTimeoutException(endpoint, timeout, error);
        }

        if (validation.Rejected)
        {
            return new TlsException(endpoint, "the server's certificate was rejected", validation.PolicyErrors, validation.ChainStatus, error);
        }

        return error switch
        {
            AuthenticationException => new TlsException(endpoint, error.Message, innerException: error),
            IOException => new TlsException(endpoint, "the connection failed during the handshake", innerException: error),
            _ => error,
        };
    }

    /// <summary>Maps the error of a blocking socket read.</summary>
    public static Exception ReadFailed(SocketError error, TimeSpan timeout, TransportEndpoint endpoint) => IsTimeout(error, timeout)
        ? new ReadTimeoutException(timeout, endpoint, new SocketException((int)error))
        : new IOException($"Reading from {endpoint} failed: {error}.", new SocketException((int)error));

    /// <summary>Maps the error of a blocking socket write.</summary>
    public static Exception WriteFailed(SocketError error, TimeSpan timeout, TransportEndpoint endpoint) => IsTimeout(error, timeout)
        ? new WriteTimeoutException(timeout, endpoint, new SocketException((int)error))
        : new IOException($"Writing to {endpoint} failed: {error}.", new SocketException((int)error));

    /// <summary>Maps the failure of an asynchronous read timed by <paramref name="timer"/>, or returns null to let it pass.</summary>
    public static Exception? AsyncReadFailed(Exception error, OperationTimer? timer, TimeSpan timeout, TransportEndpoint endpoint, CancellationToken cancellationToken) =>
        AsyncIoFailed(error, timer, read: true, timeout, endpoint, cancellationToken);

    /// <summary>Maps the failure of an asynchronous write timed by <paramref name="timer"/>, or returns null to let it pass.</summary>
    public static Exception? AsyncWriteFailed(Exception error, OperationTimer? timer, TimeSpan timeout, TransportEndpoint endpoint, CancellationToken cancellationToken) =>
        AsyncIoFailed(error, timer, read: false, timeout, endpoint, cancellationToken);

    /// <summary>A read or write timeout for layers that wait without a socket (in memory).</summary>
    public static ReqivoTimeoutException WaitTimedOut(bool read, TimeSpan timeout, TransportEndpoint endpoint) => read
        ? new ReadTimeoutException(timeout, endpoint)
        : new WriteTimeoutException(timeout, endpoint);

    /// <summary>
    /// A Reqivo exception an outer stream wrapped (SslStream wraps everything its inner stream throws in
    /// <see cref="IOException"/>), so decorators can surface the original.
    /// </summary>
    public static T? FindInChain<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception? AsyncIoFailed(Exception error, OperationTimer? timer, bool read, TimeSpan timeout, TransportEndpoint endpoint, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                // Report the caller's token, not the timer's that was linked to it.
                return new OperationCanceledException(error.Message, error, cancellationToken);
            case OperationCanceledException when timer is not null && timer.TimedOut(cancellationToken):
                return read ? new ReadTimeoutException(timeout, endpoint, error) : new WriteTimeoutException(timeout, endpoint, error);
            case SocketException socketError:
                return read ? ReadFailed(socketError.SocketErrorCode, timeout, endpoint) : WriteFailed(socketError.SocketErrorCode, timeout, endpoint);
            default:
                return null;
        }
    }

    // A blocking socket reports an elapsed SO_RCVTIMEO/SO_SNDTIMEO as TimedOut (EAGAIN on a blocking socket). Without
    // a timeout of ours, TimedOut is the operating system's verdict (keep-alive probes failed): a broken connection.
    private static bool IsTimeout(SocketError error, TimeSpan timeout) =>
        timeout != Timeout.InfiniteTimeSpan && error is SocketError.TimedOut or SocketError.WouldBlock;

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "the host name could not be resolved",
        SocketError.TryAgain => "name resolution failed temporarily",
        SocketError.NetworkUnreachable => "the network is unreachable",
        SocketError.HostUnreachable => "the host is unreachable",
        SocketError.TimedOut => "the operating system gave up on the connection attempt",
        SocketError.AddressNotAvailable => "the address is not available",
        _ => $"socket error {error}",
    };
}
