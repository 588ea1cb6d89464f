using System;
using System.Net.Security;
using System.Runtime.CompilerServices;
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

    // The host's connection count when each session was made: see TryGetHostCountAtCreation.
    private static readonly ConditionalWeakTable<Session, StrongBox<int>> HostCountAtCreation = new();

    /// <summary>A session whose base address is the host and which trusts the test certificate.</summary>
    public static Session For(KestrelTestHost host, Timeouts? timeouts = null, ConnectionPoolOptions? pool = null)
    {
        var session = new Session(Options(host.BaseUri, timeouts, pool));
        HostCountAtCreation.Add(session, new StrongBox<int>(host.ConnectionCount));
        return session;
    }

    /// <summary>
    /// The host's accepted-connection count when <paramref name="session"/> was made by <see cref="For"/>, if it was.
    /// A connection that failed fast (a timeout before the server ran) can sit in the kernel's accept queue and be
    /// counted by the host later; comparing this with the session's own count tells when the host has seen them all.
    /// </summary>
    public static bool TryGetHostCountAtCreation(Session session, out int count)
    {
        bool known = HostCountAtCreation.TryGetValue(session, out StrongBox<int>? box);
        count = known ? box!.Value : 0;
        return known;
    }

    /// <summary>Options with a base address, the trusted test certificate and optional timeouts and pool limits.</summary>
    public static SessionOptions Options(Uri baseAddress, Timeouts? timeouts = null, ConnectionPoolOptions? pool = null) => new()
    {
        BaseAddress = baseAddress,
        Tls = TrustTestCertificate,
        Timeouts = timeouts ?? Timeouts.Default,
        Pool = pool ?? new ConnectionPoolOptions(),
    };
}
