using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Reqivo.TestServers;

/// <summary>
/// A loopback listener that never accepts and whose accept queue is full, so the kernel drops further SYNs and
/// connection attempts hang until the client gives up: a local, bounded stand-in for an unreachable host, for
/// connect-timeout tests. Nothing leaves the machine.
/// </summary>
public sealed class FullBacklogListener : IDisposable
{
    // Loopback connects complete in microseconds; one that has not completed after this long was dropped.
    private static readonly TimeSpan DroppedAfter = TimeSpan.FromMilliseconds(250);

    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    /// <summary>Listens on the loopback address of <paramref name="family"/> and fills the accept queue.</summary>
    public FullBacklogListener(AddressFamily family = AddressFamily.InterNetwork)
    {
        IPAddress loopback = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        _listener = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(loopback, 0));
        _listener.Listen(0);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        Fill();
    }

    /// <summary>Where connection attempts hang.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The port of <see cref="EndPoint"/>.</summary>
    public int Port => EndPoint.Port;

    /// <summary>Closes the listener and the connections that filled its queue.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        foreach (Socket filler in _fillers)
        {
            filler.Dispose();
        }
    }

    private void Fill()
    {
        for (int i = 0; i < 64; i++)
        {
            var filler = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            _fillers.Add(filler);
            try
            {
                filler.Connect(EndPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                if (!filler.Poll(DroppedAfter, SelectMode.SelectWrite))
                {
                    return;
                }
            }
        }

        throw new InvalidOperationException("The accept queue never filled up: this platform does not drop SYNs when it is full.");
    }
}
