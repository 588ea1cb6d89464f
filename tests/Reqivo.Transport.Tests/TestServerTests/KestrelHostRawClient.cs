using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Reqivo.TestServers;

namespace Reqivo.Transport.Tests.TestServerTests;

/// <summary>A bare socket client for checks HttpClient cannot see: interim responses and exact framing.</summary>
internal static class KestrelHostRawClient
{
    public static async Task<Socket> ConnectAsync(KestrelTestHost host)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, host.Port);
        return socket;
    }

    public static async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Reads byte by byte up to the blank line, so nothing after the head is consumed.</summary>
    public static async Task<string> ReadHeadAsync(Socket socket)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(one);
            Assert.Equal(1, read);
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    public static async Task<string> ExchangeAsync(KestrelTestHost host, string request)
    {
        using Socket socket = await ConnectAsync(host);
        await SendAsync(socket, request);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        return received.ToString();
    }
}
