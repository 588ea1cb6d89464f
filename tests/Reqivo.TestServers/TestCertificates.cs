using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reqivo.TestServers;

/// <summary>Self-signed certificates generated at run time, so no key material lives in the repository.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LocalhostCertificate = new(() => CreateSelfSigned("localhost"));

    /// <summary>A self-signed server certificate for <c>localhost</c> and 127.0.0.1, shared by the tests of one process.</summary>
    public static X509Certificate2 Localhost => LocalhostCertificate.Value;

    /// <summary>Creates a self-signed server certificate for <paramref name="dnsName"/> (plus 127.0.0.1 and ::1).</summary>
    public static X509Certificate2 CreateSelfSigned(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
