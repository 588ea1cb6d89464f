using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.Transport;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// A WebSocket over <see cref="SocketTransport.DedicatedReadThread"/>: the same messages, compression and close
/// handshake as over the default transport, with receives resumed on the connection's own thread.
/// </summary>
public sealed class DedicatedReadThreadTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Messages_small_and_large_come_back_unchanged(bool https, bool deflate)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), Options(deflate));
        byte[] large = TestPayload.Create(6 << 20);

        await client.SendTextAsync("héllo");
        WebSocketMessage text = await client.ReceiveAsync();
        // Megabytes both ways: the send fills the socket buffers while the echo comes back.
        Task<WebSocketMessage> echoed = Task.Run(async () => await client.ReceiveAsync());
        await client.SendAsync(large, WebSocketMessageType.Binary);
        WebSocketMessage binary = await echoed;

        Assert.Equal("héllo", text.Text);
        Assert.Equal(large, binary.Data.ToArray());
        Assert.Equal(deflate, client.Extensions?.Contains("permessage-deflate", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_receive_that_waits_resumes_on_the_connections_read_thread()
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), Options(deflate: false));

        List<Thread> resumedOn = await Task.Run(async () =>
        {
            var threads = new List<Thread>();
            for (int i = 0; i < 5; i++)
            {
                await client.SendTextAsync($"round {i}");
                Assert.Equal($"round {i}", (await client.ReceiveAsync()).Text);
                threads.Add(Thread.CurrentThread);
            }

            return threads;
        });

        // Each receive waits for its echo and the reader thread resumes it, except when the echo beats the awaiting
        // code's registration (the awaiter then queues its continuation): rare, so some round shows the reader.
        Assert.Contains(resumedOn, thread => !thread.IsThreadPoolThread && thread.Name?.StartsWith("Reqivo reader", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_blocking_methods_work_on_the_same_connection()
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), Options(deflate: false));

        client.SendText("blocking");
        WebSocketMessage blocking = client.Receive();
        await client.SendTextAsync("async");
        WebSocketMessage asynchronous = await client.ReceiveAsync();
        client.Close(WebSocketCloseStatus.NormalClosure, "done");

        Assert.Equal("blocking", blocking.Text);
        Assert.Equal("async", asynchronous.Text);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task A_normal_server_close_ends_ReadMessagesAsync()
    {
        KestrelTestHost host = await hosts.GetAsync();
        using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/close?reason=bye"), Options(deflate: false));
        var received = new List<WebSocketMessage>();

        await foreach (WebSocketMessage message in client.ReadMessagesAsync())
        {
            received.Add(message);
        }

        Assert.Empty(received);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.Equal("bye", client.CloseReason);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Fact]
    public async Task A_client_close_completes_the_handshake()
    {
        KestrelTestHost host = await hosts.GetAsync(https: true);
        using WebSocketClient client = await WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), Options(deflate: true));

        await client.SendTextAsync("last");
        Assert.Equal("last", (await client.ReceiveAsync()).Text);
        await client.CloseAsync(4100, "finished");

        Assert.Equal(4100, client.CloseStatus);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    private static WebSocketOptions Options(bool deflate) => new()
    {
        Transport = new SocketTransport { DedicatedReadThread = true },
        PerMessageDeflate = deflate ? new PerMessageDeflateOptions() : null,
        Tls = TestTls.TrustTestCertificate(),
    };
}
