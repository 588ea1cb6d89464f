using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using Reqivo.Protocol.WebSockets;
using Reqivo.Tests;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>Tests that change process-wide thread-pool limits, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadPoolStarvationCollection
{
    public const string Name = "Thread-pool starvation";
}

/// <summary>
/// The sync API uses blocking socket calls only: connect, send, receive and close complete while every thread-pool
/// worker is blocked and the pool may not add any (DESIGN.md §3.1). Sync-over-async code would hang here instead.
/// </summary>
[Collection(ThreadPoolStarvationCollection.Name)]
public sealed class ThreadPoolStarvationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_sync_conversation_completes_while_the_thread_pool_is_starved()
    {
        using var server = new BlockingEchoServer();

        (string echoed, int? closeStatus) = StarvedThreadPool.Run(
            () =>
            {
                using WebSocketClient ws = WebSocketClient.Connect(server.Uri, new WebSocketOptions { ConnectTimeout = Bound, CloseTimeout = Bound });
                ws.SendText("starved");
                string text = ws.Receive().Text;
                ws.Close(1000, "done");
                return (text, ws.CloseStatus);
            },
            Bound);

        Assert.Equal("starved", echoed);
        Assert.Equal(1000, closeStatus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pings_fragments_every_receive_form_and_a_server_close_complete_while_the_thread_pool_is_starved(bool deflate)
    {
        using var server = new BlockingEchoServer(deflate);
        var options = new WebSocketOptions
        {
            ConnectTimeout = Bound,
            CloseTimeout = Bound,
            PerMessageDeflate = deflate ? new PerMessageDeflateOptions() : null,
        };
        byte[] large = new byte[4 << 20];
        // Half ASCII noise, half zeros: both kinds of deflate input, and the first MiB is also a valid text message.
        var random = new Random(7);
        for (int i = 0; i < large.Length / 2; i++)
        {
            large[i] = (byte)random.Next(32, 127);
        }

        StarvedConversation result = StarvedThreadPool.Run(
            () =>
            {
                using WebSocketClient ws = WebSocketClient.Connect(server.Uri, options);
                int pongs = 0;
                ws.PongReceived += (_, _) => Interlocked.Increment(ref pongs);

                // The server echoes the Ping as its own Ping: the client answers it from inside the receive.
                ws.Ping("p"u8.ToArray());
                ws.SendText("after ping");
                string afterPing = ws.Receive().Text;

                using (WebSocketMessageWriter writer = ws.BeginMessage(WebSocketMessageType.Text))
                {
                    writer.Write("frag"u8.ToArray());
                    writer.Complete("ments"u8.ToArray());
                }

                var into = new ArrayBufferWriter<byte>();
                WebSocketMessageType intoType = ws.ReceiveInto(into);

                ws.SendText("streamed");
                string streamed;
                using (WebSocketMessageStream stream = ws.ReceiveStream())
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    streamed = reader.ReadToEnd();
                }

                // Large enough that sends and reads wait for the peer rather than finding buffer space or data ready.
                ws.Send(large);
                byte[] echoedLarge = ws.Receive().Data.ToArray();
                ws.SendText(Encoding.Latin1.GetString(large.AsSpan(0, 1 << 20)));
                byte[] streamedLarge = new byte[1 << 20];
                using (WebSocketMessageStream stream = ws.ReceiveStream())
                {
                    int total = 0;
                    for (int read = 1, i = 0; read > 0; i++)
                    {
                        read = i % 2 == 0
                            ? stream.Read(streamedLarge, total, Math.Min(40_000, streamedLarge.Length - total))
                            : stream.Read(streamedLarge.AsSpan(total, Math.Min(40_000, streamedLarge.Length - total)));
                        total += read;
                        if (total == streamedLarge.Length)
                        {
                            Assert.Equal(0, stream.Read(new byte[1], 0, 1));
                            break;
                        }
                    }
                }

                ws.SendText("server-close");
                WebSocketClosedException closed = Assert.Throws<WebSocketClosedException>(() => ws.Receive());
                return new StarvedConversation(
                    afterPing, Encoding.UTF8.GetString(into.WrittenSpan), intoType, streamed, echoedLarge, streamedLarge, closed.CloseStatus, Volatile.Read(ref pongs), ws.State);
            },
            Bound);

        Assert.Equal("after ping", result.AfterPing);
        Assert.Equal("fragments", result.Fragmented);
        Assert.Equal(WebSocketMessageType.Text, result.FragmentedType);
        Assert.Equal("streamed", result.Streamed);
        Assert.Equal(large, result.Large);
        Assert.Equal(large.AsSpan(0, 1 << 20).ToArray(), result.StreamedLarge);
        Assert.Equal(4000, result.CloseStatus);
        Assert.Equal(1, result.Pongs);
        Assert.Equal(WebSocketState.Closed, result.FinalState);
    }

    [Fact]
    public void A_protocol_violation_is_failed_with_1002_while_the_thread_pool_is_starved()
    {
        using var server = new BlockingEchoServer();

        (int? code, int? status) = StarvedThreadPool.Run(
            () =>
            {
                using WebSocketClient ws = WebSocketClient.Connect(server.Uri, new WebSocketOptions { ConnectTimeout = Bound, CloseTimeout = Bound });
                ws.SendText("violate");
                WebSocketProtocolException violation = Assert.Throws<WebSocketProtocolException>(() => ws.Receive());
                return ((int?)violation.CloseCode, ws.CloseStatus);
            },
            Bound);

        Assert.Equal(1002, code);
        Assert.Equal(1002, status);
    }

    private sealed record StarvedConversation(
        string AfterPing, string Fragmented, WebSocketMessageType FragmentedType, string Streamed, byte[] Large, byte[] StreamedLarge, int CloseStatus, int Pongs, WebSocketState FinalState);
}
