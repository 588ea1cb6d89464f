using System;
using System.IO;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>
/// One open byte connection: a duplex <see cref="Stream"/> plus what is known about it (endpoints, TLS details)
/// and a cheap liveness check for connection pools.
/// </summary>
/// <remarks>
/// <para><b>Thread safety.</b> One read and one write may be in progress at the same time (from different threads);
/// two concurrent reads, or two concurrent writes, are not allowed. The metadata properties may be read from any
/// thread. <see cref="IsAlive"/> and the timeout setters must not race with an operation in progress.
/// <see cref="IDisposable.Dispose"/> may be called from any thread, also to abort a blocked read or write, which then
/// ends with an exception or end of stream.</para>
/// <para><b>Ownership.</b> The connection owns <see cref="Stream"/> and everything under it (socket, inner
/// connection). Disposing the connection closes them; disposing the stream alone is not enough. Dispose is
/// idempotent and abrupt: it sends no TLS close_notify and never blocks on the peer.</para>
/// <para><b>Stream errors.</b> <see cref="Stream"/> reads and writes throw <see cref="ReadTimeoutException"/> or
/// <see cref="WriteTimeoutException"/> when <see cref="ReadTimeout"/> or <see cref="WriteTimeout"/> elapses (on
/// both the blocking and the asynchronous methods), <see cref="OperationCanceledException"/> when the caller's token is
/// canceled, <see cref="IOException"/> when the connection fails (reset, broken pipe; the socket error is the
/// inner exception), and <see cref="ObjectDisposedException"/> after disposal. A read returns 0 at end of stream.
/// After any exception other than <see cref="ObjectDisposedException"/> the connection is broken: dispose it.</para>
/// <para><b>Sync and async.</b> Both the blocking and the asynchronous stream methods work on every connection. A
/// connection opened with <see cref="ITransport.Connect"/> is tuned for blocking I/O: on socket transports, using its
/// asynchronous methods switches the socket to non-blocking mode for good, and later blocking calls are emulated,
/// which costs CPU. Use one style per connection.</para>
/// </remarks>
public interface ITransportConnection : IDisposable, IAsyncDisposable
{
    /// <summary>The endpoint this connection was opened to.</summary>
    TransportEndpoint Endpoint { get; }

    /// <summary>The duplex byte stream, owned by the connection.</summary>
    Stream Stream { get; }

    /// <summary>The local socket address, or <see langword="null"/> when the transport has none (in-memory).</summary>
    EndPoint? LocalEndPoint { get; }

    /// <summary>The peer's socket address, or <see langword="null"/> when the transport has none (in-memory).</summary>
    EndPoint? RemoteEndPoint { get; }

    /// <summary>Whether the bytes are protected by TLS.</summary>
    bool IsSecure { get; }

    /// <summary>The protocol negotiated by ALPN (for example <c>http/1.1</c> or <c>h2</c>), or <see langword="null"/> when none was.</summary>
    string? ApplicationProtocol { get; }

    /// <summary>The TLS version in use, or <see cref="SslProtocols.None"/> when the connection is not secure.</summary>
    SslProtocols TlsProtocol { get; }

    /// <summary>The server's certificate, or <see langword="null"/> when the connection is not secure. Valid until the connection is disposed.</summary>
    X509Certificate2? RemoteCertificate { get; }

    /// <summary>
    /// The longest a single read on <see cref="Stream"/> waits for data (blocking or asynchronous) before it throws
    /// <see cref="ReadTimeoutException"/>. <see cref="Timeout.InfiniteTimeSpan"/> (the default) waits forever. This is
    /// the gap between received bytes, not a limit on a whole response. Set it between operations.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither positive (at most <see cref="int.MaxValue"/> milliseconds) nor infinite.</exception>
    TimeSpan ReadTimeout { get; set; }

    /// <summary>
    /// The longest a single write on <see cref="Stream"/> may go without progress (blocking or asynchronous)
    /// before it throws <see cref="WriteTimeoutException"/>. <see cref="Timeout.InfiniteTimeSpan"/> (the default)
    /// waits forever. Set it between operations.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither positive (at most <see cref="int.MaxValue"/> milliseconds) nor infinite.</exception>
    TimeSpan WriteTimeout { get; set; }

    /// <summary>
    /// A cheap check, without blocking and without consuming bytes, that an idle connection can still be used:
    /// <see langword="false"/> when the peer closed it, it failed, or it was disposed, and also when unread bytes
    /// are waiting, because an idle connection must have none. Call it only while no read is in progress.
    /// </summary>
    /// <remarks>
    /// A TLS 1.3 connection that has never been read from may report <see langword="false"/>: the server's session
    /// tickets arrive after the handshake and wait unread until the first read. Pools only check connections that
    /// completed an exchange, by which time those bytes have been consumed.
    /// </remarks>
    /// <returns>Whether the connection looks usable.</returns>
    bool IsAlive();
}
