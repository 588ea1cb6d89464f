using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Reqivo.WebSockets;

namespace Reqivo.Interop.Tests.WebSockets;

/// <summary>The test that restarts the peer runs alone: no other test may lose its server meanwhile.</summary>
[CollectionDefinition(nameof(WebSocketsRestartCollection), DisableParallelization = true)]
public sealed class WebSocketsRestartCollection;

/// <summary>Auto-reconnect proven by stopping and restarting the python3-websockets server during a session.</summary>
[Collection(nameof(WebSocketsRestartCollection))]
public sealed class WebSocketsReconnectTests(WebSocketsServer server) : IClassFixture<WebSocketsServer>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_client_survives_a_server_restart(bool async)
    {
        var options = new WebSocketOptions
        {
            Reconnect = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), MaxAttempts = 30 },
        };
        using WebSocketClient client = await WebSocketsInteropTests.ConnectAsync(server.Uri("/echo"), options, async);
        var events = new ConcurrentQueue<string>();
        client.Disconnected += (_, e) => events.Enqueue($"disconnected {e.CloseStatus}");
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += (_, _) =>
        {
            events.Enqueue("reconnected");
            reconnected.TrySetResult();
        };
        client.SendText("before");
        Assert.Equal("before", (async ? await client.ReceiveAsync() : client.Receive()).Text);

        // websockets closes every connection with 1001 (going away) when it stops.
        server.Stop();
        try
        {
            Task<WebSocketMessage> receiving = Task.Run(async () => async ? await client.ReceiveAsync() : client.Receive());
            server.Start();
            // The receive noticed the loss, reconnected, and waits on the new connection; send once it is there.
            await reconnected.Task;

            client.SendText("after");
            Assert.Equal("after", (await receiving).Text);
        }
        finally
        {
            server.Start();
        }

        Assert.Equal(["disconnected 1001", "reconnected"], events);
        Assert.Equal(WebSocketState.Open, client.State);
    }
}
