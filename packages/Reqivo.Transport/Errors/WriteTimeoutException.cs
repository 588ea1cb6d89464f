using System;
using System.Globalization;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// Sending made no progress within the write timeout (the peer stopped reading and the buffers are full).
/// The connection that raised it is broken and must be disposed; part of the data may have been sent.
/// </summary>
public sealed class WriteTimeoutException : ReqivoTimeoutException
{
    /// <summary>Creates a write timeout.</summary>
    /// <param name="timeout">The write timeout that was exceeded.</param>
    /// <param name="endpoint">The peer that stopped reading, when known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public WriteTimeoutException(TimeSpan timeout, TransportEndpoint? endpoint = null, Exception? innerException = null)
        : base(FormatMessage(timeout, endpoint), timeout, innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>The peer that stopped reading, when known.</summary>
    public TransportEndpoint? Endpoint { get; }

    private static string FormatMessage(TimeSpan timeout, TransportEndpoint? endpoint) => endpoint is null
        ? string.Create(CultureInfo.InvariantCulture, $"Sending made no progress within {timeout.TotalMilliseconds:0.###} ms.")
        : string.Create(CultureInfo.InvariantCulture, $"Sending to {endpoint} made no progress within {timeout.TotalMilliseconds:0.###} ms.");
}
