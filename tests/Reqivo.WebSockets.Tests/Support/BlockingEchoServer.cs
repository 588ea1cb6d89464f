using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>
/// A WebSocket server on its own thread with blocking sockets only (no thread-pool work), for tests that starve the
/// pool. It serves connections one after another: answers the upgrade (agreeing to permessage-deflate without context
/// takeover when made with <c>deflate: true</c>), echoes each client frame back unmasked with its opcode, FIN and
/// RSV1 bits, and echoes a Close frame before closing. Two text messages are commands: "server-close" makes it send
/// Close 4000 "asked" and wait for the client's answer, "violate" makes it send a frame with the reserved opcode 0x3.
/// </summary>
internal sealed class BlockingEchoServer : IDisposable
{
    private const string DeflateAgreed =
        "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n";

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Thread _thread;
    private readonly bool _deflate;

    public BlockingEchoServer(bool deflate = false)
    {
        _deflate = deflate;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        Uri = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _thread = new Thread(ServeAll) { IsBackground = true };
        _thread.Start();
    }

    public Uri Uri { get; }

    public void Dispose()
    {
        _listener.Dispose();
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void ServeAll()
    {
        try
        {
            while (true)
            {
                using Socket socket = _listener.Accept();
                try
                {
                    Serve(socket);
                }
                catch (SocketException)
                {
                    // The client went away; serve the next one.
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private void Serve(Socket socket)
    {
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

        socket.Send(ServerFrames.Accept([.. received], extraFields: _deflate ? DeflateAgreed : ""));
        received.RemoveRange(0, headEnd);
        bool closeSent = false;
        while (true)
        {
            List<ClientFrame> frames = ServerFrames.ParseClientFrames([.. "\r\n\r\n"u8.ToArray(), .. received]);
            if (frames.Count == 0)
            {
                int read = socket.Receive(buffer);
                if (read == 0)
                {
                    return;
                }

                received.AddRange(buffer.AsSpan(0, read));
                continue;
            }

            ClientFrame frame = frames[0];
            received.RemoveRange(0, FrameLength(frame));
            if (frame.Opcode == 0x1 && !frame.Rsv1 && frame.Payload.AsSpan().SequenceEqual("server-close"u8))
            {
                socket.Send(ServerFrames.Close(4000, "asked"));
                closeSent = true;
                continue; // the client's Close answer is echoed below, which ends the connection
            }

            if (frame.Opcode == 0x1 && !frame.Rsv1 && frame.Payload.AsSpan().SequenceEqual("violate"u8))
            {
                socket.Send(ServerFrames.Frame(0x3, true, [1]));
                continue;
            }

            if (frame.Opcode == 0x8)
            {
                if (!closeSent)
                {
                    socket.Send(ServerFrames.Frame(0x8, true, frame.Payload));
                }

                socket.Shutdown(SocketShutdown.Send);
                while (socket.Receive(buffer) > 0)
                {
                }

                return;
            }

            socket.Send(ServerFrames.Frame(frame.Opcode, frame.Fin, frame.Payload, rsv1: frame.Rsv1));
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
