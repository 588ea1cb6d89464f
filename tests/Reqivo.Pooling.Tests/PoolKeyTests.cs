using System;

namespace Reqivo.Pooling.Tests;

public sealed class PoolKeyTests
{
    [Theory]
    [InlineData("https", "example.com", 443, "tls(tcp)", "https://example.com:443 (tls(tcp))")]
    [InlineData("http", "::1", 8080, "tcp", "http://[::1]:8080 (tcp)")]
    [InlineData("http", "[::1]", 8080, "tcp", "http://[::1]:8080 (tcp)")]
    [InlineData("http", "127.0.0.1", 80, "", "http://127.0.0.1:80")]
    public void ToString_reads_as_origin_and_transport(string scheme, string host, int port, string identity, string expected)
    {
        Assert.Equal(expected, new PoolKey(scheme, host, port, identity).ToString());
    }

    [Fact]
    public void Default_key_prints_without_throwing()
    {
        Assert.Equal("://:0", default(PoolKey).ToString());
    }

    [Fact]
    public void Scheme_and_host_compare_without_case_but_port_and_identity_exactly()
    {
        var key = new PoolKey("https", "example.com", 443, "tls(tcp)");

        Assert.Equal(key, new PoolKey("HTTPS", "Example.COM", 443, "tls(tcp)"));
        Assert.Equal(key.GetHashCode(), new PoolKey("HTTPS", "Example.COM", 443, "tls(tcp)").GetHashCode());
        Assert.NotEqual(key, key with { Port = 8443 });
        Assert.NotEqual(key, key with { TransportIdentity = "TLS(tcp)" });
        Assert.NotEqual(key, key with { Host = "example.org" });
        Assert.NotEqual(key, key with { Scheme = "http" });
    }

    [Fact]
    public void PoolTimeoutException_is_a_ReqivoException_carrying_key_and_timeout()
    {
        var key = new PoolKey("https", "example.com", 443, "tls(tcp)");

        var exception = new PoolTimeoutException(key, TimeSpan.FromSeconds(3));

        Assert.IsAssignableFrom<ReqivoException>(exception);
        Assert.Equal(key, exception.Key);
        Assert.Equal(TimeSpan.FromSeconds(3), exception.Timeout);
    }
}
