using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace Reqivo.Transport.Tests;

/// <summary>
/// An echo server that runs on one dedicated thread with blocking sockets only, so it keeps serving when the
/// thread pool is starved. Serves one connection at a time, optionally inside TLS.
/// </summary>
internal sealed class BlockingEchoServer : IDisposable
{
    private readonly Socket _listener;
    private readonly X509Certificate2? _certificate;
    private readonly Thread _thread;
    private readonly List<Socket> _accepted = [];

    public BlockingEchoServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(8);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _thread = new Thread(Serve) { IsBackground = true, Name = "BlockingEchoServer" };
        _thread.Start();
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }

        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Serve()
    {
        try
        {
            while (true)
            {
                Socket socket = _listener.Accept();
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }

                EchoUntilClosed(socket);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private void EchoUntilClosed(Socket socket)
    {
        try
        {
            using Stream stream = _certificate is null ? new NetworkStream(socket, ownsSocket: true) : Secure(socket);
            var buffer = new byte[4096];
            int count;
            while ((count = stream.Read(buffer)) > 0)
            {
                stream.Write(buffer.AsSpan(0, count));
            }
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away.
        }
    }

    private SslStream Secure(Socket socket)
    {
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
        ssl.AuthenticateAsServer(new SslServerAuthenticationOptions { ServerCertificate = _certificate });
        return ssl;
    }
}
