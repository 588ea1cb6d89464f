using System;
using System.IO;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>The client end of an in-memory connection.</summary>
internal sealed class InMemoryConnection : ITransportConnection
{
    private readonly InMemoryStream _stream;

    public InMemoryConnection(InMemoryStream stream, TransportEndpoint endpoint)
    {
        _stream = stream;
        Endpoint = endpoint;
    }

    public TransportEndpoint Endpoint { get; }

    public Stream Stream => _stream;

    public EndPoint? LocalEndPoint => null;

    public EndPoint? RemoteEndPoint => null;

    public bool IsSecure => false;

    public string? ApplicationProtocol => null;

    public SslProtocols TlsProtocol => SslProtocols.None;

    public X509Certificate2? RemoteCertificate => null;

    public TimeSpan ReadTimeout
    {
        get => _stream.ReadTimeoutSpan;
        set => _stream.ReadTimeoutSpan = value;
    }

    public TimeSpan WriteTimeout
    {
        get => _stream.WriteTimeoutSpan;
        set => _stream.WriteTimeoutSpan = value;
    }

    public bool IsAlive() => !_stream.IsDisposed && !_stream.PeerClosed && !_stream.HasUnreadBytes;

    public void Dispose() => _stream.Dispose();

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
