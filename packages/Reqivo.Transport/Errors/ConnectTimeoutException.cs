using System;
using System.Globalization;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// Opening a connection (name resolution, every connection attempt and, for TLS, the handshake) did not finish
/// within the connect timeout. Nothing was sent on the connection.
/// </summary>
public sealed class ConnectTimeoutException : ReqivoTimeoutException
{
    /// <summary>Creates a connect timeout for the given endpoint.</summary>
    /// <param name="endpoint">Where the connection was going.</param>
    /// <param name="timeout">The connect timeout that was exceeded.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConnectTimeoutException(TransportEndpoint endpoint, TimeSpan timeout, Exception? innerException = null)
        : base(FormatMessage(endpoint, timeout), timeout, innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>Where the connection was going.</summary>
    public TransportEndpoint Endpoint { get; }

    /// <summary>The host name or address of <see cref="Endpoint"/>.</summary>
    public string Host => Endpoint.Host;

    /// <summary>The port of <see cref="Endpoint"/> (0 for a Unix domain socket).</summary>
    public int Port => Endpoint.Port;

    private static string FormatMessage(TransportEndpoint endpoint, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return string.Create(CultureInfo.InvariantCulture, $"Connecting to {endpoint} did not complete within {timeout.TotalMilliseconds:0.###} ms.");
    }
}
