using System;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Reqivo.Transport.Tests;

public class ExceptionTests
{
    private static readonly TransportEndpoint Endpoint = TransportEndpoint.Tcp("example.test", 8443);

    [Fact]
    public void Every_timeout_shares_the_Reqivo_timeout_base()
    {
        TimeSpan limit = TimeSpan.FromSeconds(3);
        ReqivoTimeoutException[] timeouts =
        [
            new ConnectTimeoutException(Endpoint, limit),
            new ReadTimeoutException(limit, Endpoint),
            new WriteTimeoutException(limit),
        ];

        Assert.All(timeouts, timeout => Assert.Equal(limit, timeout.Timeout));
        Assert.All(timeouts, timeout => Assert.IsAssignableFrom<ReqivoException>(timeout));
        Assert.All(timeouts, timeout => Assert.IsNotAssignableFrom<OperationCanceledException>(timeout));
    }

    [Fact]
    public void Timeout_base_is_open_to_other_packages()
    {
        var custom = new PoolLikeTimeoutException(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), custom.Timeout);
        Assert.IsType<InvalidOperationException>(custom.InnerException);
    }

    [Fact]
    public void Connect_failures_carry_the_endpoint_in_properties_and_message()
    {
        var refused = new ConnectException(Endpoint, "connection refused", SocketError.ConnectionRefused);
        var timeout = new ConnectTimeoutException(Endpoint, TimeSpan.FromSeconds(1));
        var unix = new ConnectException(TransportEndpoint.UnixSocket("/run/x.sock"), "no such file");

        Assert.Equal("example.test", refused.Host);
        Assert.Equal(8443, refused.Port);
        Assert.Null(refused.UnixSocketPath);
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketError);
        Assert.Contains("example.test:8443", refused.Message, StringComparison.Ordinal);
        Assert.Equal("example.test", timeout.Host);
        Assert.Equal(8443, timeout.Port);
        Assert.Contains("example.test:8443", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("/run/x.sock", unix.UnixSocketPath);
        Assert.Null(unix.SocketError);
        Assert.Contains("unix:/run/x.sock", unix.Message, StringComparison.Ordinal);
        Assert.Contains("example.test:8443", new ReadTimeoutException(TimeSpan.FromSeconds(1), Endpoint).Message, StringComparison.Ordinal);
        Assert.Contains("example.test:8443", new WriteTimeoutException(TimeSpan.FromSeconds(1), Endpoint).Message, StringComparison.Ordinal);
        Assert.Equal(Endpoint, new ReadTimeoutException(TimeSpan.FromSeconds(1), Endpoint).Endpoint);
        Assert.Equal(Endpoint, new WriteTimeoutException(TimeSpan.FromSeconds(1), Endpoint).Endpoint);
    }

    [Fact]
    public void A_TLS_failure_is_a_connect_failure_with_certificate_details()
    {
        var error = new TlsException(Endpoint, "untrusted", SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain);

        Assert.IsAssignableFrom<ConnectException>(error);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, error.PolicyErrors);
        Assert.True(error.ChainStatus.HasFlag(X509ChainStatusFlags.UntrustedRoot));
        Assert.Equal(Endpoint, error.Endpoint);
        Assert.Contains("example.test:8443", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_are_required()
    {
        Assert.Throws<ArgumentNullException>(() => new ConnectException(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => new ConnectTimeoutException(null!, TimeSpan.FromSeconds(1)));
        Assert.Null(new ReadTimeoutException(TimeSpan.FromSeconds(1)).Endpoint);
    }

    private sealed class PoolLikeTimeoutException(TimeSpan timeout)
        : ReqivoTimeoutException("No connection became free.", timeout, new InvalidOperationException());
}
