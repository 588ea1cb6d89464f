using System;
using System.Net.Sockets;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// A connection could not be opened: the name did not resolve, the peer refused or was unreachable, or (see
/// <see cref="TlsException"/>) the TLS handshake failed. Nothing was sent on the connection, so a request that
/// failed this way may always be retried.
/// </summary>
public class ConnectException : ReqivoException
{
    /// <summary>Creates a connect failure.</summary>
    /// <param name="endpoint">Where the connection was going.</param>
    /// <param name="reason">Why it failed, for people (for example "connection refused").</param>
    /// <param name="socketError">The operating system's error, when the failure came from a socket or the resolver.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConnectException(TransportEndpoint endpoint, string reason, SocketError? socketError = null, Exception? innerException = null)
        : this($"Could not connect to {endpoint}: {reason}", endpoint, innerException)
    {
        SocketError = socketError;
    }

    /// <summary>Creates a connect failure with a complete message; for derived exceptions.</summary>
    /// <param name="message">What went wrong, for people, naming the endpoint.</param>
    /// <param name="endpoint">Where the connection was going.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected ConnectException(string message, TransportEndpoint endpoint, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
    }

    /// <summary>Where the connection was going.</summary>
    public TransportEndpoint Endpoint { get; }

    /// <summary>The host name or address of <see cref="Endpoint"/>.</summary>
    public string Host => Endpoint.Host;

    /// <summary>The port of <see cref="Endpoint"/> (0 for a Unix domain socket).</summary>
    public int Port => Endpoint.Port;

    /// <summary>The socket path of <see cref="Endpoint"/>, when it is a Unix domain socket.</summary>
    public string? UnixSocketPath => Endpoint.UnixSocketPath;

    /// <summary>
    /// The operating system's error (for example <see cref="System.Net.Sockets.SocketError.ConnectionRefused"/> or
    /// <see cref="System.Net.Sockets.SocketError.HostNotFound"/>), or <see langword="null"/> when the failure did not come from a socket.
    /// </summary>
    public SocketError? SocketError { get; }
}
