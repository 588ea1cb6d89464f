using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server that answers every request with <c>200 hello</c>, using blocking sockets on one
/// dedicated thread: it keeps serving when the thread pool is starved, unlike Kestrel.
/// </summary>
internal sealed class BlockingHelloServer : IDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello");

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Thread _thread;
    private int _requests;

    public BlockingHelloServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(8);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _thread = new Thread(Serve) { IsBackground = true, Name = nameof(BlockingHelloServer) };
        _thread.Start();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hello");

    public int RequestCount => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Dispose();
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Serve()
    {
        try
        {
            while (true)
            {
                using Socket connection = _listener.Accept();
                // Bounded, so a client that stops talking cannot hold the server thread forever.
                connection.ReceiveTimeout = 10_000;
                ServeConnection(connection);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener was closed: the server is being disposed.
        }
    }

    private void ServeConnection(Socket connection)
    {
        var buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (true)
            {
                int end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    Interlocked.Increment(ref _requests);
                    connection.Send(Answer);
                    int consumed = end + 4;
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                    continue;
                }

                int read = connection.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                filled += read;
            }
        }
        catch (SocketException)
        {
            // The client went away or stayed silent too long; serve the next one.
        }
    }
}
