using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>
/// Trusts one self-signed server certificate by its SHA-256 thumbprint, and nothing else: the rest of verification
/// stays on (docs/interop.md, "The TLS certificate").
/// </summary>
internal static class CertificatePin
{
    /// <summary>A validation callback that accepts only the certificate whose thumbprint is <paramref name="sha256Thumbprint"/>.</summary>
    /// <param name="sha256Thumbprint">Upper-case hex without separators, as <c>GetCertHashString(SHA256)</c> returns it.</param>
    public static RemoteCertificateValidationCallback Trusting(string sha256Thumbprint) =>
        (_, certificate, chain, errors) =>
            certificate is not null
            && chain is not null
            // A name mismatch or a missing certificate still fails: only the chain may be in error.
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            // ... and only because nothing trusts a self-signed root; an expired certificate still fails.
            && chain.ChainStatus.All(status => status.Status == X509ChainStatusFlags.UntrustedRoot)
            && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), sha256Thumbprint, StringComparison.OrdinalIgnoreCase);
}
