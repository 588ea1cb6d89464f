using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Reqivo.TestServers;

/// <summary>
/// The WebSocket endpoints of <see cref="KestrelTestHost"/>, served by ASP.NET Core's own WebSocket implementation (an
/// independent peer for Reqivo's client). permessage-deflate is accepted whenever the client offers it.
/// </summary>
internal static class KestrelWebSocketEndpoints
{
    private const int MaxEchoMessage = 64 * 1024 * 1024;

    /// <summary>
    /// Maps: /ws/echo (every message back whole, same type; a Close is answered with the same code and reason);
    /// /ws/close?code=c&amp;reason=r (the server closes at once with that code, default 1000); /ws/subprotocol (accepts the
    /// first subprotocol offered and sends its name as a text message, then echoes); /ws/header?name=n (sends the value
    /// of request field n, or "(none)", as a text message, then echoes).
    /// </summary>
    public static void MapWebSocketEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/echo", context => AcceptAsync(context, null, EchoAsync));
        app.Map("/ws/close", context => AcceptAsync(context, null, (socket, token) => CloseAsync(context, socket, token)));
        app.Map("/ws/subprotocol", context =>
        {
            string? chosen = context.WebSockets.WebSocketRequestedProtocols.Count > 0 ? context.WebSockets.WebSocketRequestedProtocols[0] : null;
            return AcceptAsync(context, chosen, async (socket, token) =>
            {
                await SendTextAsync(socket, chosen ?? "(none)", token);
                await EchoAsync(socket, token);
            });
        });
        app.Map("/ws/header", context => AcceptAsync(context, null, async (socket, token) =>
        {
            string name = context.Request.Query["name"].ToString();
            string value = context.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : "(none)";
            await SendTextAsync(socket, value, token);
            await EchoAsync(socket, token);
        }));
    }

    private static async Task AcceptAsync(HttpContext context, string? subprotocol, Func<WebSocket, CancellationToken, Task> run)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "websocket";
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = subprotocol,
            DangerousEnableCompression = true,
            KeepAliveInterval = TimeSpan.Zero,
        });
        try
        {
            await run(socket, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client dropped the connection or broke the protocol: nothing left to do for this peer.
        }
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(message.GetMemory(16 * 1024), cancellationToken);
                message.Advance(result.Count);
                if (message.WrittenCount > MaxEchoMessage)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "too big", cancellationToken);
                    return;
                }
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, cancellationToken);
                return;
            }

            await socket.SendAsync(message.WrittenMemory, result.MessageType, WebSocketMessageFlags.EndOfMessage, cancellationToken);
        }
    }

    private static async Task CloseAsync(HttpContext context, WebSocket socket, CancellationToken cancellationToken)
    {
        int code = int.TryParse(context.Request.Query["code"], out int parsed) ? parsed : 1000;
        string reason = context.Request.Query["reason"].ToString();
        // CloseAsync sends the Close frame and waits for the client's answer.
        await socket.CloseAsync((WebSocketCloseStatus)code, reason, cancellationToken);
    }

    private static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
