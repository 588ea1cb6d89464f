using System;
using System.Collections.Generic;
using System.Net;

namespace Reqivo.Transport.Tests;

public class TransportEndpointTests
{
    [Theory]
    [InlineData("example.com", 443, "example.com:443")]
    [InlineData("127.0.0.1", 80, "127.0.0.1:80")]
    [InlineData("::1", 8080, "[::1]:8080")]
    [InlineData("[::1]", 8080, "[::1]:8080")]
    [InlineData("[2001:db8::7]", 1, "[2001:db8::7]:1")]
    public void Tcp_endpoints_print_as_host_and_port(string host, int port, string expected)
    {
        Assert.Equal(expected, TransportEndpoint.Tcp(host, port).ToString());
    }

    [Fact]
    public void IPv6_brackets_are_removed_from_the_host()
    {
        TransportEndpoint endpoint = TransportEndpoint.Tcp("[::1]", 443);

        Assert.Equal("::1", endpoint.Host);
        Assert.Equal(IPAddress.IPv6Loopback, endpoint.Address);
        Assert.Equal(TransportEndpoint.Tcp("::1", 443), endpoint);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1%1", true)]
    [InlineData("example.com", false)]
    [InlineData("localhost", false)]
    [InlineData("127.1", false)]
    [InlineData("1.2.3.4.example", false)]
    public void Only_canonical_IP_literals_skip_name_resolution(string host, bool isLiteral)
    {
        Assert.Equal(isLiteral, TransportEndpoint.Tcp(host, 80).Address is not null);
    }

    [Fact]
    public void Unix_socket_endpoints_carry_a_host_for_TLS()
    {
        TransportEndpoint endpoint = TransportEndpoint.UnixSocket("/run/app.sock");
        TransportEndpoint named = TransportEndpoint.UnixSocket("/run/app.sock", "api.internal");

        Assert.Equal("unix:/run/app.sock", endpoint.ToString());
        Assert.Equal("localhost", endpoint.Host);
        Assert.Equal(0, endpoint.Port);
        Assert.True(endpoint.IsUnixSocket);
        Assert.Equal("/run/app.sock", endpoint.UnixSocketPath);
        Assert.Equal("api.internal", named.Host);
        Assert.NotEqual(endpoint, named);
        Assert.False(TransportEndpoint.Tcp("localhost", 80).IsUnixSocket);
    }

    [Fact]
    public void Equality_is_by_value_and_ignores_host_case()
    {
        var set = new HashSet<TransportEndpoint> { TransportEndpoint.Tcp("Example.COM", 443) };

        Assert.Contains(TransportEndpoint.Tcp("example.com", 443), set);
        Assert.DoesNotContain(TransportEndpoint.Tcp("example.com", 80), set);
        Assert.DoesNotContain(TransportEndpoint.Tcp("example.org", 443), set);
        Assert.NotEqual(TransportEndpoint.UnixSocket("/a"), TransportEndpoint.UnixSocket("/b"));
        Assert.Equal(TransportEndpoint.UnixSocket("/a"), TransportEndpoint.UnixSocket("/a"));
        Assert.False(TransportEndpoint.Tcp("a", 1).Equals(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad host")]
    [InlineData("bad\r\nhost")]
    [InlineData("[127.0.0.1]")]
    [InlineData("[::1")]
    [InlineData("[]")]
    public void Malformed_hosts_are_rejected(string host)
    {
        Assert.ThrowsAny<ArgumentException>(() => TransportEndpoint.Tcp(host, 80));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Ports_out_of_range_are_rejected(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransportEndpoint.Tcp("example.com", port));
    }

    [Fact]
    public void Unix_socket_arguments_are_checked()
    {
        Assert.ThrowsAny<ArgumentException>(() => TransportEndpoint.UnixSocket(""));
        Assert.ThrowsAny<ArgumentException>(() => TransportEndpoint.UnixSocket("/a", ""));
        Assert.ThrowsAny<ArgumentException>(() => TransportEndpoint.UnixSocket("/a", "two words"));
    }
}
