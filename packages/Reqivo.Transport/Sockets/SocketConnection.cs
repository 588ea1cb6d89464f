using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>A connected TCP or Unix domain socket and its <see cref="SocketStream"/>.</summary>
internal sealed class SocketConnection : ITransportConnection
{
    private readonly TimedDuplexStream _stream;

    public SocketConnection(Socket socket, TransportEndpoint endpoint, bool dedicatedReadThread = false)
    {
        Socket = socket;
        Endpoint = endpoint;
        _stream = dedicatedReadThread ? new PolledSocketStream(socket, endpoint) : new SocketStream(socket, endpoint);
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    /// <summary>The connected socket; tests inspect it, nothing else should touch it.</summary>
    internal Socket Socket { get; }

    /// <summary>The reader thread of <see cref="SocketTransport.DedicatedReadThread"/>, when enabled; tests inspect it.</summary>
    internal DedicatedReader? DedicatedReader => (_stream as PolledSocketStream)?.Reader;

    public TransportEndpoint Endpoint { get; }

    public Stream Stream => _stream;

    public EndPoint? LocalEndPoint { get; }

    public EndPoint? RemoteEndPoint { get; }

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

    public bool IsAlive()
    {
        try
        {
            // An idle connection is readable only when something happened: with Available == 0 the peer closed
            // (or reset) it; with bytes waiting, the peer sent data nobody asked for. Either way it is unusable.
            // Poll also reports a pending socket error as readable.
            return !Socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose() => _stream.Dispose();

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
