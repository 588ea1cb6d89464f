using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Reqivo.Transport;

/// <summary>
/// The certificate validation callback of one handshake. It applies the caller's callback (or the default rule:
/// no policy errors) and remembers what validation found, because SslStream reports a rejected certificate only
/// as an <see cref="System.Security.Authentication.AuthenticationException"/> message.
/// </summary>
internal sealed class CertificateValidationRecorder
{
    private readonly RemoteCertificateValidationCallback? _callerCallback;

    public CertificateValidationRecorder(RemoteCertificateValidationCallback? callerCallback)
    {
        _callerCallback = callerCallback;
        Callback = Validate;
    }

    public RemoteCertificateValidationCallback Callback { get; }

    public SslPolicyErrors PolicyErrors { get; private set; }

    public X509ChainStatusFlags ChainStatus { get; private set; }

    /// <summary>Whether the certificate was rejected (by the default rule or the caller's callback).</summary>
    public bool Rejected { get; private set; }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors policyErrors)
    {
        PolicyErrors = policyErrors;
        ChainStatus = X509ChainStatusFlags.NoError;
        foreach (X509ChainStatus status in chain?.ChainStatus ?? [])
        {
            ChainStatus |= status.Status;
        }

        bool accepted = _callerCallback?.Invoke(sender, certificate, chain, policyErrors) ?? policyErrors == SslPolicyErrors.None;
        Rejected = !accepted;
        return accepted;
    }
}
