using System.Net.Security;
using Reqivo.TestServers;
using Reqivo.Transport;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>TLS settings for the loopback hosts' wss endpoints.</summary>
internal static class TestTls
{
    /// <summary>Trusts exactly the test certificate and nothing else.</summary>
    public static TlsOptions TrustTestCertificate() => new()
    {
        AuthenticationOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = static (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == TestCertificates.Localhost.GetCertHashString(),
        },
    };
}
