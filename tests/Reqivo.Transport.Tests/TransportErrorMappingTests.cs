using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;

namespace Reqivo.Transport.Tests;

/// <summary>
/// The rules of <see cref="TransportErrors"/>, one by one: which exception each failure becomes, and that its
/// message names what went wrong (the socket error, the endpoint, the limit).
/// </summary>
public class TransportErrorMappingTests
{
    private static readonly TransportEndpoint Endpoint = TransportEndpoint.Tcp("example.test", 8443);
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(1500);

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused")]
    [InlineData(SocketError.HostNotFound, "the host name could not be resolved")]
    [InlineData(SocketError.NoData, "the host name could not be resolved")]
    [InlineData(SocketError.TryAgain, "name resolution failed temporarily")]
    [InlineData(SocketError.NetworkUnreachable, "the network is unreachable")]
    [InlineData(SocketError.HostUnreachable, "the host is unreachable")]
    [InlineData(SocketError.TimedOut, "the operating system gave up on the connection attempt")]
    [InlineData(SocketError.AddressNotAvailable, "the address is not available")]
    [InlineData(SocketError.AccessDenied, "socket error AccessDenied")]
    public void A_socket_error_while_connecting_is_a_ConnectException_that_says_why(SocketError error, string reason)
    {
        var failure = new SocketException((int)error);

        var mapped = Assert.IsType<ConnectException>(TransportErrors.ConnectFailed(failure, Endpoint, Limit, deadlineExpired: false, CancellationToken.None));

        Assert.Equal($"Could not connect to example.test:8443: {reason}", mapped.Message);
        Assert.Equal(error, mapped.SocketError);
        Assert.Same(failure, mapped.InnerException);
    }

    [Fact]
    public void Refused_names_the_refusal_without_a_socket()
    {
        ConnectException refused = TransportErrors.Refused(Endpoint);

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketError);
        Assert.EndsWith("connection refused", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_connect_failure_keeps_its_own_message()
    {
        var failure = new InvalidOperationException("the proxy said no");

        var mapped = Assert.IsType<ConnectException>(TransportErrors.ConnectFailed(failure, Endpoint, Limit, deadlineExpired: false, CancellationToken.None));

        Assert.EndsWith("the proxy said no", mapped.Message, StringComparison.Ordinal);
        Assert.Null(mapped.SocketError);
    }

    [Fact]
    public void A_connect_failure_after_the_deadline_or_by_the_timeout_token_is_a_ConnectTimeoutException()
    {
        var expired = Assert.IsType<ConnectTimeoutException>(
            TransportErrors.ConnectFailed(new SocketException((int)SocketError.ConnectionRefused), Endpoint, Limit, deadlineExpired: true, CancellationToken.None));
        var byToken = Assert.IsType<ConnectTimeoutException>(
            TransportErrors.ConnectFailed(new OperationCanceledException(), Endpoint, Limit, deadlineExpired: false, CancellationToken.None));

        Assert.Equal(Limit, expired.Timeout);
        Assert.Equal(Endpoint, byToken.Endpoint);
        Assert.Equal("Connecting to example.test:8443 did not complete within 1500 ms.", expired.Message);
    }

    [Fact]
    public void The_callers_cancellation_wins_over_every_other_verdict()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var connect = Assert.IsType<OperationCanceledException>(
            TransportErrors.ConnectFailed(new SocketException((int)SocketError.ConnectionRefused), Endpoint, Limit, deadlineExpired: true, cancelled.Token));
        var handshake = Assert.IsType<OperationCanceledException>(
            TransportErrors.TlsHandshakeFailed(new IOException(), Endpoint, Limit, deadlineExpired: true, new CertificateValidationRecorder(null), cancelled.Token));

        Assert.Equal(cancelled.Token, connect.CancellationToken);
        Assert.Equal(cancelled.Token, handshake.CancellationToken);
        Assert.Contains("connect", connect.Message, StringComparison.Ordinal);
        Assert.Contains("TLS handshake", handshake.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handshake_failures_become_TlsExceptions_that_say_why()
    {
        var recorder = new CertificateValidationRecorder(null);
        var authentication = new AuthenticationException("no common cipher suite");

        var fromAuthentication = Assert.IsType<TlsException>(
            TransportErrors.TlsHandshakeFailed(authentication, Endpoint, Limit, deadlineExpired: false, recorder, CancellationToken.None));
        var fromIo = Assert.IsType<TlsException>(
            TransportErrors.TlsHandshakeFailed(new IOException("reset"), Endpoint, Limit, deadlineExpired: false, recorder, CancellationToken.None));
        var other = new InvalidOperationException("a bug");

        Assert.Equal("The TLS handshake with example.test:8443 failed: no common cipher suite", fromAuthentication.Message);
        Assert.Same(authentication, fromAuthentication.InnerException);
        Assert.Equal("The TLS handshake with example.test:8443 failed: the connection failed during the handshake", fromIo.Message);
        Assert.Same(other, TransportErrors.TlsHandshakeFailed(other, Endpoint, Limit, deadlineExpired: false, recorder, CancellationToken.None));
    }

    [Fact]
    public void A_handshake_cut_short_by_a_read_timeout_or_the_budget_is_a_ConnectTimeoutException()
    {
        var recorder = new CertificateValidationRecorder(null);
        var wrappedTimeout = new IOException("read failed", new ReadTimeoutException(Limit, Endpoint));

        Assert.IsType<ConnectTimeoutException>(
            TransportErrors.TlsHandshakeFailed(wrappedTimeout, Endpoint, Limit, deadlineExpired: false, recorder, CancellationToken.None));
        Assert.IsType<ConnectTimeoutException>(
            TransportErrors.TlsHandshakeFailed(new OperationCanceledException(), Endpoint, Limit, deadlineExpired: false, recorder, CancellationToken.None));
        Assert.IsType<ConnectTimeoutException>(
            TransportErrors.TlsHandshakeFailed(new IOException(), Endpoint, Limit, deadlineExpired: true, recorder, CancellationToken.None));
    }

    [Theory]
    [InlineData(SocketError.TimedOut)]
    [InlineData(SocketError.WouldBlock)]
    public void An_elapsed_socket_timeout_is_our_timeout_only_when_we_set_one(SocketError error)
    {
        var read = Assert.IsType<ReadTimeoutException>(TransportErrors.ReadFailed(error, Limit, Endpoint));
        var write = Assert.IsType<WriteTimeoutException>(TransportErrors.WriteFailed(error, Limit, Endpoint));
        var readWithout = Assert.IsType<IOException>(TransportErrors.ReadFailed(error, Timeout.InfiniteTimeSpan, Endpoint));

        Assert.Equal("No data was received from example.test:8443 within 1500 ms.", read.Message);
        Assert.Equal("Sending to example.test:8443 made no progress within 1500 ms.", write.Message);
        Assert.Equal(error, Assert.IsType<SocketException>(readWithout.InnerException).SocketErrorCode);
    }

    [Fact]
    public void Other_stream_failures_stay_IOExceptions_naming_the_peer_and_the_error()
    {
        var read = Assert.IsType<IOException>(TransportErrors.ReadFailed(SocketError.ConnectionReset, Limit, Endpoint));
        var write = Assert.IsType<IOException>(TransportErrors.WriteFailed(SocketError.Shutdown, Limit, Endpoint));

        Assert.Equal("Reading from example.test:8443 failed: ConnectionReset.", read.Message);
        Assert.Equal("Writing to example.test:8443 failed: Shutdown.", write.Message);
        Assert.Equal(SocketError.Shutdown, Assert.IsType<SocketException>(write.InnerException).SocketErrorCode);
    }

    [Fact]
    public void Timeouts_without_an_endpoint_still_name_the_limit()
    {
        Assert.Equal("No data was received within 1500 ms.", new ReadTimeoutException(Limit).Message);
        Assert.Equal("Sending made no progress within 1500 ms.", new WriteTimeoutException(Limit).Message);
        Assert.IsType<ReadTimeoutException>(TransportErrors.WaitTimedOut(read: true, Limit, Endpoint));
        Assert.IsType<WriteTimeoutException>(TransportErrors.WaitTimedOut(read: false, Limit, Endpoint));
    }

    [Fact]
    public void Asynchronous_failures_are_mapped_by_cause()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var timer = new OperationTimer();
        var canceled = new OperationCanceledException();

        var byCaller = Assert.IsType<OperationCanceledException>(TransportErrors.AsyncReadFailed(canceled, timer, Limit, Endpoint, cancelled.Token));
        var socket = Assert.IsType<IOException>(TransportErrors.AsyncWriteFailed(new SocketException((int)SocketError.ConnectionReset), timer, Limit, Endpoint, CancellationToken.None));

        Assert.Equal(cancelled.Token, byCaller.CancellationToken);
        Assert.StartsWith("Writing to", socket.Message, StringComparison.Ordinal);
        Assert.Null(TransportErrors.AsyncReadFailed(new InvalidOperationException(), timer, Limit, Endpoint, CancellationToken.None));
        // A cancellation that is neither the caller's nor a fired timer's passes through unmapped.
        Assert.Null(TransportErrors.AsyncReadFailed(canceled, null, Limit, Endpoint, CancellationToken.None));
        timer.Dispose();
    }
}
