using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.WebSockets;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>Runs a test through the sync or the async API, so every test covers both paths of the single code path.</summary>
internal static class Modes
{
    public static TheoryData<bool> SyncAndAsync => new() { false, true };

    public static async Task<WebSocketClient> ConnectAsync(Uri uri, WebSocketOptions? options, bool async) =>
        async ? await WebSocketClient.ConnectAsync(uri, options) : WebSocketClient.Connect(uri, options);

    public static async Task SendTextAsync(this WebSocketClient client, string text, bool async)
    {
        if (async)
        {
            await client.SendTextAsync(text);
        }
        else
        {
            client.SendText(text);
        }
    }

    public static async Task SendAsync(this WebSocketClient client, ReadOnlyMemory<byte> data, WebSocketMessageType type, bool async)
    {
        if (async)
        {
            await client.SendAsync(data, type);
        }
        else
        {
            client.Send(data, type);
        }
    }

    public static async Task<WebSocketMessage> ReceiveAsync(this WebSocketClient client, bool async, CancellationToken cancellationToken = default) =>
        async ? await client.ReceiveAsync(cancellationToken) : client.Receive(cancellationToken);

    public static async Task CloseAsync(this WebSocketClient client, int code, string? reason, bool async)
    {
        if (async)
        {
            await client.CloseAsync(code, reason);
        }
        else
        {
            client.Close(code, reason);
        }
    }
}
