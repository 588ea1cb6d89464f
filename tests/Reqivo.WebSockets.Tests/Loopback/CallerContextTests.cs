using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.TestServers;
using Reqivo.Tests;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// Every asynchronous call, started from a thread with a synchronization context (a UI thread), finishes without
/// posting anything to that context. Each call is started separately, and receives are started before the echo
/// can arrive, so each call's first truly asynchronous wait is the one observed.
/// </summary>
public sealed class CallerContextTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private readonly RecordingSynchronizationContext _context = new();

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Connect_echo_ping_and_close(bool https, bool deflate)
    {
        KestrelTestHost host = await hosts.GetAsync(https);
        var options = new WebSocketOptions
        {
            Tls = TestTls.TrustTestCertificate(),
            PerMessageDeflate = deflate ? new PerMessageDeflateOptions() : null,
        };

        WebSocketClient client = await _context.RunAsync(() => WebSocketClient.ConnectAsync(host.Ws("/ws/echo"), options));

        Task<WebSocketMessage> text = _context.RunAsync(() => client.ReceiveAsync());
        await _context.RunAsync(() => client.SendTextAsync(new string('t', 4000)));
        Assert.Equal(4000, (await text).Text.Length);

        byte[] large = new byte[8 << 20];
        Task<WebSocketMessage> binary = _context.RunAsync(() => client.ReceiveAsync());
        await _context.RunAsync(() => client.SendAsync(large));
        Assert.Equal(large.Length, (await binary).Length);

        var into = new ArrayBufferWriter<byte>();
        Task<WebSocketMessageType> receivingInto = _context.RunAsync(() => client.ReceiveIntoAsync(into));
        await using (WebSocketMessageWriter writer = client.BeginMessage(WebSocketMessageType.Binary))
        {
            await _context.RunAsync(() => writer.WriteAsync(large.AsMemory(0, 1 << 20)));
            await _context.RunAsync(() => writer.CompleteAsync(large.AsMemory(0, 1 << 20)));
        }

        Assert.Equal(WebSocketMessageType.Binary, await receivingInto);
        Assert.Equal(2 << 20, into.WrittenCount);

        Task<WebSocketMessageStream> streamed = _context.RunAsync(() => client.ReceiveStreamAsync());
        await client.SendTextAsync("streamed");
        await using (WebSocketMessageStream message = await streamed)
        {
            var buffer = new byte[64];
            Assert.Equal(8, await _context.RunAsync(() => ReadAllAsync(message, buffer)));
        }

        await _context.RunAsync(() => client.PingAsync("p"u8.ToArray()));
        Task<int> enumerated = _context.RunAsync(() => FirstLengthAsync(client));
        await client.SendTextAsync("enumerated");
        Assert.Equal(10, await enumerated);

        await _context.RunAsync(() => client.CloseAsync(1000, "done"));
        await _context.RunAsync(() => client.DisposeAsync());

        Assert.Equal(1000, client.CloseStatus);
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    [Fact]
    public async Task Connecting_through_a_session()
    {
        KestrelTestHost host = await hosts.GetAsync();
        await using var session = new Session(new SessionOptions { BaseAddress = host.BaseUri });

        await using WebSocketClient client = await _context.RunAsync(() => session.ConnectWebSocketAsync("/ws/echo"));
        Task<WebSocketMessage> echo = _context.RunAsync(() => client.ReceiveAsync());
        await client.SendTextAsync("via session");

        Assert.Equal("via session", (await echo).Text);
        Assert.True(_context.Posts == 0, _context.PostedBy);
    }

    private static async ValueTask<int> ReadAllAsync(Stream stream, byte[] buffer)
    {
        int total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(total)).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static async ValueTask<int> FirstLengthAsync(WebSocketClient client)
    {
        await foreach (WebSocketMessage message in client.ReadMessagesAsync().ConfigureAwait(false))
        {
            return message.Length;
        }

        return -1;
    }
}
