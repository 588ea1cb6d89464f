using System;
using System.Collections.Generic;
using System.Net.Security;

namespace Reqivo.Transport;

/// <summary>
/// How <see cref="TlsTransport"/> secures connections. The defaults verify the server's certificate against the
/// system's trust store and its name against the endpoint's host, send the host as server name indication
/// (not for IP literals), and offer <c>http/1.1</c> by ALPN.
/// </summary>
public sealed class TlsOptions
{
    private static readonly string[] Http11Only = ["http/1.1"];
    private IReadOnlyList<string> _applicationProtocols = Http11Only;

    /// <summary>
    /// The protocols offered by ALPN, most preferred first (for example <c>h2</c>, <c>http/1.1</c>); empty to send
    /// no ALPN extension. Default <c>http/1.1</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A protocol name is empty or longer than 255 bytes.</exception>
    public IReadOnlyList<string> ApplicationProtocols
    {
        get => _applicationProtocols;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (string protocol in value)
            {
                ArgumentException.ThrowIfNullOrEmpty(protocol, nameof(value));
                if (System.Text.Encoding.UTF8.GetByteCount(protocol) > byte.MaxValue)
                {
                    throw new ArgumentException("An ALPN protocol name is at most 255 bytes.", nameof(value));
                }
            }

            _applicationProtocols = [.. value];
        }
    }

    /// <summary>
    /// Settings passed through to <see cref="SslStream"/>: client certificates, a certificate validation callback,
    /// enabled protocol versions, cipher suite policy, revocation checking, a custom chain policy and so on. It is
    /// copied at every connect with <see cref="SslClientAuthenticationOptions.TargetHost"/> set to the endpoint's host
    /// and <see cref="SslClientAuthenticationOptions.ApplicationProtocols"/> set from <see cref="ApplicationProtocols"/>
    /// (whatever the template says for those two is ignored). Do not change it while connections are being opened.
    /// </summary>
    /// <remarks>
    /// A <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/> replaces the default
    /// verdict (accept only when there are no policy errors); its decision is final.
    /// </remarks>
    public SslClientAuthenticationOptions? AuthenticationOptions { get; init; }

    /// <summary>The options for one handshake: a copy of the template with the per-connection settings.</summary>
    internal SslClientAuthenticationOptions CreateAuthenticationOptions(
        string targetHost, RemoteCertificateValidationCallback validationCallback, IReadOnlyList<SslApplicationProtocol> protocols)
    {
        var options = new SslClientAuthenticationOptions();
        if (AuthenticationOptions is { } template)
        {
            options.AllowRenegotiation = template.AllowRenegotiation;
            options.AllowTlsResume = template.AllowTlsResume;
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                options.AllowRsaPssPadding = template.AllowRsaPssPadding;
                options.AllowRsaPkcs1Padding = template.AllowRsaPkcs1Padding;
            }

            options.LocalCertificateSelectionCallback = template.LocalCertificateSelectionCallback;
            options.ClientCertificates = template.ClientCertificates;
            options.ClientCertificateContext = template.ClientCertificateContext;
            options.CertificateRevocationCheckMode = template.CertificateRevocationCheckMode;
            options.CertificateChainPolicy = template.CertificateChainPolicy;
            options.EncryptionPolicy = template.EncryptionPolicy;
            options.EnabledSslProtocols = template.EnabledSslProtocols;
            options.CipherSuitesPolicy = template.CipherSuitesPolicy;
        }

        // .NET sends no server name indication when the target host is an IP literal (RFC 6066 §3).
        options.TargetHost = targetHost;
        options.ApplicationProtocols = protocols.Count == 0 ? null : [.. protocols];
        options.RemoteCertificateValidationCallback = validationCallback;
        return options;
    }
}
