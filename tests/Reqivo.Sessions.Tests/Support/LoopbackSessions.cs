using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Reqivo;
using Reqivo.Pooling;
using Reqivo.TestServers;
using Reqivo.Transport;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>Sessions and hosts for loopback tests: Kestrel over http or https, and TLS that trusts only the test certificate.</summary>
internal static class LoopbackSessions
{
    /// <summary>TLS options that accept exactly <see cref="TestCertificates.Localhost"/> and nothing else.</summary>
    public static TlsOptions TrustTestCertificate { get; } = new()
    {
        AuthenticationOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = static (_, certificate, _, _) =>
                certificate is not null
                && certificate.GetCertHashString() == TestCertificates.Localhost.GetCertHashString(),
        },
    };

    /// <summary>A session whose base address is the host and which trusts the test certificate.</summary>
    public static Session For(KestrelTestHost host, Timeouts? timeouts = null, ConnectionPoolOptions? pool = null) =>
        new(Options(host.BaseUri, timeouts, pool));

    /// <summary>Options with a base address, the trusted test certificate and optional timeouts and pool limits.</summary>
    public static SessionOptions Options(Uri baseAddress, Timeouts? timeouts = null, ConnectionPoolOptions? pool = null) => new()
    {
        BaseAddress = baseAddress,
        Tls = TrustTestCertificate,
        Timeouts = timeouts ?? Timeouts.Default,
        Pool = pool ?? new ConnectionPoolOptions(),
    };
}
