using System;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// Secures the connections of any other transport with TLS (<see cref="SslStream"/>): TCP, a Unix domain socket,
/// a proxy tunnel, even an in-memory pipe.
/// </summary>
/// <remarks>
/// <para>The connect timeout covers the inner connect and the handshake. During a handshake every read and write
/// is bounded by the time left (through the inner connection's <see cref="ITransportConnection.ReadTimeout"/> and
/// <see cref="ITransportConnection.WriteTimeout"/>, restored afterwards), so a server that accepts TCP but never
/// answers TLS ends in <see cref="ConnectTimeoutException"/>, blocking or asynchronous. A rejected certificate or a
/// failed negotiation is a <see cref="TlsException"/>.</para>
/// <para>Thread-safe. The connections it returns own their inner connection.</para>
/// </remarks>
public sealed class TlsTransport : ITransport
{
    private static int s_customizedCount;

    private readonly ITransport _inner;
    private readonly TlsOptions _options;
    private readonly SslApplicationProtocol[] _applicationProtocols;

    /// <summary>Creates a TLS transport over <paramref name="inner"/>.</summary>
    /// <param name="inner">The transport that carries the TLS bytes, for example a <see cref="SocketTransport"/>.</param>
    /// <param name="options">TLS settings; <see langword="null"/> for the secure defaults.</param>
    public TlsTransport(ITransport inner, TlsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _options = options ?? new TlsOptions();
        _applicationProtocols = new SslApplicationProtocol[_options.ApplicationProtocols.Count];
        for (int i = 0; i < _applicationProtocols.Length; i++)
        {
            _applicationProtocols[i] = new SslApplicationProtocol(_options.ApplicationProtocols[i]);
        }

        // Connections made with different client certificates or trust rules must never be pooled together, so
        // customized options get an identity of their own.
        Identity = options is null
            ? $"tls({inner.Identity})"
            : $"tls({inner.Identity})#{Interlocked.Increment(ref s_customizedCount)}";
    }

    /// <summary><c>tls(</c>inner identity<c>)</c>, followed by <c>#</c>n when options were given (each such transport is distinct).</summary>
    public string Identity { get; }

    /// <summary>The TLS settings in use.</summary>
    public TlsOptions Options => _options;

    /// <inheritdoc/>
    public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        TimeoutValues.Validate(connectTimeout, nameof(connectTimeout));
        return SyncPath.GetResult(ConnectCoreAsync(endpoint, connectTimeout, async: false, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        TimeoutValues.Validate(connectTimeout, nameof(connectTimeout));
        return ConnectCoreAsync(endpoint, connectTimeout, async: true, cancellationToken);
    }

    private async ValueTask<ITransportConnection> ConnectCoreAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, bool async, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(connectTimeout);
        ITransportConnection inner = async
            ? await _inner.ConnectAsync(endpoint, connectTimeout, cancellationToken).ConfigureAwait(false)
            : _inner.Connect(endpoint, connectTimeout, cancellationToken);
        var validation = new CertificateValidationRecorder(_options.AuthenticationOptions?.RemoteCertificateValidationCallback);
        var ssl = new SslStream(inner.Stream, leaveInnerStreamOpen: true);
        try
        {
            await HandshakeAsync(ssl, inner, endpoint, deadline, validation, async, cancellationToken).ConfigureAwait(false);
            return new TlsConnection(inner, ssl);
        }
        catch (Exception e)
        {
            ssl.Dispose();
            inner.Dispose();
            throw TransportErrors.TlsHandshakeFailed(e, endpoint, connectTimeout, deadline.HasExpired, validation, cancellationToken);
        }
    }

    private async ValueTask HandshakeAsync(
        SslStream ssl, ITransportConnection inner, TransportEndpoint endpoint, Deadline deadline, CertificateValidationRecorder validation, bool async, CancellationToken cancellationToken)
    {
        TimeSpan remaining = deadline.Remaining;
        if (remaining == TimeSpan.Zero)
        {
            throw new TimeoutException("The connect budget was spent before the TLS handshake.");
        }

        SslClientAuthenticationOptions options = _options.CreateAuthenticationOptions(endpoint.Host, validation.Callback, _applicationProtocols);
        TimeSpan savedReadTimeout = inner.ReadTimeout;
        TimeSpan savedWriteTimeout = inner.WriteTimeout;
        inner.ReadTimeout = remaining;
        inner.WriteTimeout = remaining;
        if (async)
        {
            // The per-operation bounds above are approximate for a whole handshake; the token makes the budget exact.
            using CancellationTokenSource? budget = deadline.IsInfinite ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget?.CancelAfter(remaining);
            await ssl.AuthenticateAsClientAsync(options, budget?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A blocking handshake cannot watch a token: disposing the inner connection interrupts it.
            cancellationToken.ThrowIfCancellationRequested();
            using CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(static state => ((ITransportConnection)state!).Dispose(), inner);
            ssl.AuthenticateAsClient(options);
        }

        inner.ReadTimeout = savedReadTimeout;
        inner.WriteTimeout = savedWriteTimeout;
    }
}
