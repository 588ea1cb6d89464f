using System;
using System.Linq;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Loopback;

/// <summary>
/// How the client sizes its I/O, seen through a recording transport: a frame of up to 64 KiB goes out in one write
/// (header and payload together), larger ones in a few large pieces; reads offer 16 KiB until a large payload is being
/// read, then 64 KiB.
/// </summary>
public sealed class WireSizingTests(KestrelHosts hosts) : IClassFixture<KestrelHosts>
{
    private const int HeaderOf64KiB = 2 + 8 + 4;

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_64_KiB_message_goes_out_in_one_write_and_a_1_MiB_message_in_large_pieces(bool async)
    {
        var transport = new RecordingTransport();
        using WebSocketClient client = await ConnectAsync(transport, async);

        transport.Clear();
        await client.SendAsync(new byte[64 * 1024], WebSocketMessageType.Binary, async);
        int[] single = [.. transport.WriteSizes];
        Assert.Equal(64 * 1024, (await client.ReceiveAsync(async)).Length);

        transport.Clear();
        await client.SendAsync(new byte[1024 * 1024], WebSocketMessageType.Binary, async);
        int[] pieces = [.. transport.WriteSizes];
        Assert.Equal(1024 * 1024, (await client.ReceiveAsync(async)).Length);

        Assert.Equal([(64 * 1024) + HeaderOf64KiB], single);
        Assert.Equal((1024 * 1024) + HeaderOf64KiB, pieces.Sum());
        // Pieces of at least the 64 KiB buffer, and not the whole message at once.
        Assert.InRange(pieces.Length, 2, 16);
        Assert.All(pieces[..^1], piece => Assert.True(piece >= 64 * 1024, $"a piece of {piece} bytes"));
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Reads_offer_16_KiB_for_small_messages_and_64_KiB_once_a_large_payload_arrives(bool async)
    {
        var transport = new RecordingTransport();
        using WebSocketClient client = await ConnectAsync(transport, async);

        transport.Clear();
        for (int i = 0; i < 5; i++)
        {
            await client.SendTextAsync(new string('s', 1000), async);
            Assert.Equal(1000, (await client.ReceiveAsync(async)).Length);
        }

        int[] small = [.. transport.ReadSizes];
        transport.Clear();
        await client.SendAsync(new byte[1024 * 1024], WebSocketMessageType.Binary, async);
        Assert.Equal(1024 * 1024, (await client.ReceiveAsync(async)).Length);
        int[] large = [.. transport.ReadSizes];

        Assert.NotEmpty(small);
        Assert.All(small, offered => Assert.InRange(offered, 1, 16 * 1024));
        Assert.Equal(64 * 1024, large.Max());
    }

    private async Task<WebSocketClient> ConnectAsync(RecordingTransport transport, bool async)
    {
        KestrelTestHost host = await hosts.GetAsync();
        return await Modes.ConnectAsync(host.Ws("/ws/echo"), new WebSocketOptions { Transport = transport }, async);
    }
}
