using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>A TLS session over an inner connection, which it owns.</summary>
internal sealed class TlsConnection : ITransportConnection
{
    private readonly ITransportConnection _inner;
    private readonly SslStream _ssl;
    private readonly TlsConnectionStream _stream;

    public TlsConnection(ITransportConnection inner, SslStream ssl)
    {
        _inner = inner;
        _ssl = ssl;
        _stream = new TlsConnectionStream(ssl);
        ApplicationProtocol = Describe(ssl.NegotiatedApplicationProtocol);
        TlsProtocol = ssl.SslProtocol;
        RemoteCertificate = ssl.RemoteCertificate as X509Certificate2;
    }

    /// <summary>The connection under the TLS session; tests inspect it.</summary>
    internal ITransportConnection Inner => _inner;

    public TransportEndpoint Endpoint => _inner.Endpoint;

    public Stream Stream => _stream;

    public EndPoint? LocalEndPoint => _inner.LocalEndPoint;

    public EndPoint? RemoteEndPoint => _inner.RemoteEndPoint;

    public bool IsSecure => true;

    public string? ApplicationProtocol { get; }

    public SslProtocols TlsProtocol { get; }

    public X509Certificate2? RemoteCertificate { get; }

    // The inner connection enforces the timeouts on the bytes SslStream reads and writes; TlsConnectionStream
    // surfaces its exceptions unwrapped.
    public TimeSpan ReadTimeout
    {
        get => _inner.ReadTimeout;
        set => _inner.ReadTimeout = value;
    }

    public TimeSpan WriteTimeout
    {
        get => _inner.WriteTimeout;
        set => _inner.WriteTimeout = value;
    }

    // Undecrypted bytes waiting on the inner connection mean the same as plain ones: something arrived unasked
    // (see the remark on ITransportConnection.IsAlive about TLS 1.3 session tickets).
    public bool IsAlive() => _inner.IsAlive();

    public void Dispose()
    {
        _ssl.Dispose();
        _inner.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _ssl.DisposeAsync().ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
    }

    private static string? Describe(SslApplicationProtocol protocol)
    {
        if (protocol == default)
        {
            return null;
        }

        if (protocol == SslApplicationProtocol.Http11)
        {
            return "http/1.1";
        }

        return protocol == SslApplicationProtocol.Http2 ? "h2" : protocol.ToString();
    }
}
