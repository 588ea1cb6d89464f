using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Reqivo.TestServers;
using Reqivo.WebSockets.Tests.Support;

namespace Reqivo.WebSockets.Tests.Hostile;

/// <summary>
/// Many frames in one burst, larger than the receive buffer: frame headers (data and control) end up split across the
/// buffer's end, so the client must keep the unconsumed start of a header and read on.
/// </summary>
public sealed class FrameBurstTests
{
    private const int Count = 700;

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_burst_of_frames_of_every_header_size_with_pings_between_them_arrives_intact(bool async)
    {
        var frames = new List<byte[]>();
        for (int i = 0; i < Count; i++)
        {
            // Lengths 0-299 in a scattered order: 7-bit and 16-bit length fields at ever different offsets.
            frames.Add(ServerFrames.Text(TextOf(i)));
            if (i % 9 == 0)
            {
                frames.Add(ServerFrames.Frame(0x9, true, new byte[i % 126]));
            }
        }

        // The server stays open (never closing on the client's unread Pongs, which could reset the connection).
        byte[] burst = ServerFrames.Concat([.. frames]);
        await using var server = new ScriptedTcpServer(new ServerScript().ReceiveUntil("\r\n\r\n")
            .Respond(received => ServerFrames.Accept(received, burst)).NeverRespond());
        using WebSocketClient client = await Modes.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), null, async);

        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(TextOf(i), (await client.ReceiveAsync(async)).Text);
        }
    }

    private static string TextOf(int i) => new((char)('a' + (i % 26)), (i * 37) % 300);
}
