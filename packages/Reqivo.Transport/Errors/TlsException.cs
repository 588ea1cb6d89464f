using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// The TLS handshake failed: the server's certificate was rejected (<see cref="PolicyErrors"/> and
/// <see cref="ChainStatus"/> say why), the peers agreed on no protocol or cipher, or the peer broke off the
/// handshake. A handshake that timed out is a <see cref="ConnectTimeoutException"/> instead.
/// </summary>
public class TlsException : ConnectException
{
    /// <summary>Creates a TLS handshake failure.</summary>
    /// <param name="endpoint">Where the connection was going.</param>
    /// <param name="reason">Why the handshake failed, for people.</param>
    /// <param name="policyErrors">What certificate validation found, or <see cref="SslPolicyErrors.None"/>.</param>
    /// <param name="chainStatus">The combined status flags of the certificate chain, or <see cref="X509ChainStatusFlags.NoError"/>.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public TlsException(
        TransportEndpoint endpoint,
        string reason,
        SslPolicyErrors policyErrors = SslPolicyErrors.None,
        X509ChainStatusFlags chainStatus = X509ChainStatusFlags.NoError,
        Exception? innerException = null)
        : base($"The TLS handshake with {endpoint} failed: {reason}", endpoint, innerException)
    {
        PolicyErrors = policyErrors;
        ChainStatus = chainStatus;
    }

    /// <summary>
    /// What certificate validation found (untrusted chain, name mismatch, no certificate), or
    /// <see cref="SslPolicyErrors.None"/> when the failure was not about the certificate or a custom callback
    /// rejected a certificate that had no policy errors.
    /// </summary>
    public SslPolicyErrors PolicyErrors { get; }

    /// <summary>The status flags of every element of the server's certificate chain, combined; <see cref="X509ChainStatusFlags.NoError"/> when none.</summary>
    public X509ChainStatusFlags ChainStatus { get; }
}
