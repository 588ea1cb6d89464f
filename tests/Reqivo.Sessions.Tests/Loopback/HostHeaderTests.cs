using System;
using System.Linq;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// The Host field (RFC 9112 §3.2): the port only when it is not the scheme's default, IPv6 literals bracketed; and
/// the session's own transport used for the connection.
/// </summary>
public sealed class HostHeaderTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [InlineData("http://127.0.0.1/", "127.0.0.1", 80)]
    [InlineData("http://127.0.0.1:443/", "127.0.0.1:443", 443)]
    [InlineData("http://[::1]:8080/", "[::1]:8080", 8080)]
    [InlineData("http://[::1]/", "[::1]", 80)]
    public async Task The_Host_field_has_the_port_only_when_it_is_not_the_default(string url, string expectedHost, int expectedPort)
    {
        using var server = new ScriptedTcpServer(Scripts.AnswersOk());
        var transport = new RedirectingTransport(server.Port);
        using var session = new Session(new SessionOptions { Transport = transport });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, url), async: true);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains($"\r\nHost: {expectedHost}\r\n", server.Connections[0].ReceivedText, StringComparison.Ordinal);
        Assert.Equal(expectedPort, Assert.Single(transport.Requested).Port);
    }

    [Theory]
    [InlineData("https://localhost/inspect", "localhost")]
    [InlineData("https://localhost:80/inspect", "localhost:80")]
    public async Task Over_https_the_default_port_is_443(string url, string expectedHost)
    {
        KestrelTestHost host = await hosts.GetAsync(https: true);
        using var session = new Session(new SessionOptions
        {
            Transport = new RedirectingTransport(host.Port),
            Tls = LoopbackSessions.TrustTestCertificate,
        });

        using Response response = await session.SendAsync(new Request(HttpMethods.Get, url), async: true);

        string seen = response.ReadAsString();
        string hostLine = seen.Split('\n').Single(line => line.StartsWith("Host: ", StringComparison.Ordinal));
        Assert.Equal($"Host: {expectedHost}", hostLine);
    }
}
