using Reqivo.Http1;
using Reqivo.Protocol.Http1;
using Reqivo.Sessions.Tests.Support;
using Reqivo.Transport;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>The pool keys of the connection factory tell plain and TLS connections apart.</summary>
public sealed class ConnectionFactoryTests
{
    [Fact]
    public void Plain_and_secure_schemes_get_their_own_transport_identity()
    {
        var plain = new RedirectingTransport(1);
        var factory = new Http1ConnectionFactory(plain, new TlsOptions(), Http1Limits.Default);

        string http = factory.IdentityFor("http");
        string https = factory.IdentityFor("https");

        Assert.Equal(plain.Identity, http);
        Assert.StartsWith("tls(redirect)", https, System.StringComparison.Ordinal);
        Assert.NotEqual(http, https);
    }
}
