using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>
/// A WebSocket server on its own thread with blocking sockets only (no thread-pool work): it answers one upgrade, echoes
/// client frames back unmasked until a Close frame, which it echoes before closing. For tests that starve the pool.
/// </summary>
internal sealed class BlockingEchoServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Thread _thread;

    public BlockingEchoServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        Uri = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public Uri Uri { get; }

    public void Dispose()
    {
        _listener.Dispose();
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Serve()
    {
        try
        {
            using Socket socket = _listener.Accept();
            var received = new List<byte>();
            byte[] buffer = new byte[64 * 1024];
            int headEnd;
            while ((headEnd = IndexOfHeadEnd(received)) < 0)
            {
                int read = socket.Receive(buffer);
                if (read == 0)
                {
                    return;
                }

                received.AddRange(buffer.AsSpan(0, read));
            }

            socket.Send(ServerFrames.Accept([.. received]));
            received.RemoveRange(0, headEnd);
            while (true)
            {
                List<ClientFrame> frames = ServerFrames.ParseClientFrames([.. "\r\n\r\n"u8.ToArray(), .. received]);
                if (frames.Count > 0)
                {
                    ClientFrame frame = frames[0];
                    received.RemoveRange(0, FrameLength(frame));
                    socket.Send(ServerFrames.Frame(frame.Opcode, true, frame.Payload));
                    if (frame.Opcode == 0x8)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                        while (socket.Receive(buffer) > 0)
                        {
                        }

                        return;
                    }

                    continue;
                }

                int read = socket.Receive(buffer);
                if (read == 0)
                {
                    return;
                }

                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed or the client went away.
        }
    }

    private static int FrameLength(ClientFrame frame) =>
        2 + 4 + frame.Payload.Length + (frame.Payload.Length >= 126 ? (frame.Payload.Length > ushort.MaxValue ? 8 : 2) : 0);

    private static int IndexOfHeadEnd(List<byte> received)
    {
        int at = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(received).IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }
}
