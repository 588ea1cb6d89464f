using System;
using System.Globalization;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// No bytes arrived from the peer within the read timeout. It measures the gap between received bytes (one read
/// operation), not the duration of a whole response. The connection that raised it is broken and must be disposed.
/// </summary>
public sealed class ReadTimeoutException : ReqivoTimeoutException
{
    /// <summary>Creates a read timeout.</summary>
    /// <param name="timeout">The read timeout that was exceeded.</param>
    /// <param name="endpoint">The peer that stayed silent, when known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ReadTimeoutException(TimeSpan timeout, TransportEndpoint? endpoint = null, Exception? innerException = null)
        : base(FormatMessage(timeout, endpoint), timeout, innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>The peer that stayed silent, when known.</summary>
    public TransportEndpoint? Endpoint { get; }

    private static string FormatMessage(TimeSpan timeout, TransportEndpoint? endpoint) => endpoint is null
        ? string.Create(CultureInfo.InvariantCulture, $"No data was received within {timeout.TotalMilliseconds:0.###} ms.")
        : string.Create(CultureInfo.InvariantCulture, $"No data was received from {endpoint} within {timeout.TotalMilliseconds:0.###} ms.");
}
