using System.Net.Security;
using System.Threading.Tasks;
using Reqivo.Interop.Tests.Infrastructure;

namespace Reqivo.Interop.Tests.Nginx;

/// <summary>
/// Certificate verification against a real TLS server: on by default, and the pinning callback trusts the one
/// certificate nginx was started with, not any certificate.
/// </summary>
public sealed class NginxTlsTests(NginxServer nginx) : IClassFixture<NginxServer>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Self_signed_certificate_is_rejected_by_default(bool async)
    {
        using Session session = nginx.CreateSession(Scheme.Https, validation: null);

        TlsException exception = await Assert.ThrowsAsync<TlsException>(() => session.GetAsync("/small", async));

        Assert.True(exception.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal(0, session.GetPoolStatistics().Idle);
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Pin_of_another_certificate_is_rejected(bool async)
    {
        string otherThumbprint = new('0', nginx.CertificateThumbprint.Length);
        using Session session = nginx.CreateSession(Scheme.Https, CertificatePin.Trusting(otherThumbprint));

        await Assert.ThrowsAsync<TlsException>(() => session.GetAsync("/small", async));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Pinned_certificate_is_trusted(bool async)
    {
        using Session session = nginx.CreateSession(Scheme.Https);

        using Response response = await session.GetAsync("/small", async);

        Assert.Equal("hello", await response.ReadAsStringAsync(async));
    }
}
