using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>Sending: whole messages, streamed messages (<see cref="WebSocketMessageWriter"/>) and Pings.</summary>
public sealed partial class WebSocketClient
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private int _sending;

    /// <summary>Sends a text message.</summary>
    /// <param name="text">The text; sent as UTF-8.</param>
    /// <param name="cancellationToken">Cancels the send (the connection is then dropped: a frame may be half written).</param>
    /// <exception cref="ArgumentException">The text holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException">Another send, or a message writer, is in progress.</exception>
    /// <exception cref="WebSocketClosedException">The connection is closed, or failed during the write.</exception>
    /// <exception cref="WebSocketReconnectingException">Auto-reconnect is under way; nothing was sent.</exception>
    public void SendText(string text, CancellationToken cancellationToken = default) =>
        SyncPath.Wait(SendTextCoreAsync(text, async: false, cancellationToken));

    /// <inheritdoc cref="SendText(string, CancellationToken)"/>
    /// <returns>Completes when the message was written to the connection.</returns>
    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendTextCoreAsync(text, async: true, cancellationToken);

    /// <summary>Sends a message whose payload is <paramref name="data"/>.</summary>
    /// <param name="data">The payload; for a text message it must be UTF-8 (the server fails the connection otherwise).</param>
    /// <param name="type">Binary (the default) or text.</param>
    /// <param name="cancellationToken">Cancels the send (the connection is then dropped: a frame may be half written).</param>
    /// <exception cref="InvalidOperationException">Another send, or a message writer, is in progress.</exception>
    /// <exception cref="WebSocketClosedException">The connection is closed, or failed during the write.</exception>
    /// <exception cref="WebSocketReconnectingException">Auto-reconnect is under way; nothing was sent.</exception>
    public void Send(ReadOnlyMemory<byte> data, WebSocketMessageType type = WebSocketMessageType.Binary, CancellationToken cancellationToken = default) =>
        SyncPath.Wait(SendCoreAsync(data, type, async: false, cancellationToken));

    /// <inheritdoc cref="Send(ReadOnlyMemory{byte}, WebSocketMessageType, CancellationToken)"/>
    /// <returns>Completes when the message was written to the connection.</returns>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type = WebSocketMessageType.Binary, CancellationToken cancellationToken = default) =>
        SendCoreAsync(data, type, async: true, cancellationToken);

    /// <summary>
    /// Starts a message sent in fragments (RFC 6455 §5.4): each <see cref="WebSocketMessageWriter.Write"/> sends one
    /// frame, <see cref="WebSocketMessageWriter.Complete"/> sends the final one. The writer counts as the one sender
    /// until it completes or is disposed.
    /// </summary>
    /// <param name="type">The message type.</param>
    /// <returns>The writer.</returns>
    /// <exception cref="InvalidOperationException">Another send, or a message writer, is in progress.</exception>
    /// <exception cref="WebSocketClosedException">The connection is closed.</exception>
    /// <exception cref="WebSocketReconnectingException">Auto-reconnect is under way.</exception>
    public WebSocketMessageWriter BeginMessage(WebSocketMessageType type)
    {
        EnterSend();
        try
        {
            WebSocketConnection connection = CurrentForSend();
            return new WebSocketMessageWriter(this, connection, type);
        }
        catch
        {
            ExitSend();
            throw;
        }
    }

    /// <summary>Sends a Ping (RFC 6455 §5.5.2); the server's Pong raises <see cref="PongReceived"/> when a receive is running.</summary>
    /// <param name="payload">Application data, at most 125 bytes.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="ArgumentException">The payload is longer than 125 bytes.</exception>
    /// <exception cref="WebSocketClosedException">The connection is closed.</exception>
    public void Ping(ReadOnlyMemory<byte> payload = default, CancellationToken cancellationToken = default) =>
        SyncPath.Wait(PingCoreAsync(payload, async: false, cancellationToken));

    /// <inheritdoc cref="Ping(ReadOnlyMemory{byte}, CancellationToken)"/>
    /// <returns>Completes when the Ping was written.</returns>
    public ValueTask PingAsync(ReadOnlyMemory<byte> payload = default, CancellationToken cancellationToken = default) =>
        PingCoreAsync(payload, async: true, cancellationToken);

    internal void ExitSend() => Volatile.Write(ref _sending, 0);

    private ValueTask PingCoreAsync(ReadOnlyMemory<byte> payload, bool async, CancellationToken cancellationToken)
    {
        if (payload.Length > WebSocketFrameHeader.MaxControlPayloadLength)
        {
            throw new ArgumentException("A Ping carries at most 125 bytes (RFC 6455 §5.5).", nameof(payload));
        }

        return _connection.SendFrameAsync(WebSocketOpcode.Ping, fin: true, payload, compressed: false, async, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendTextCoreAsync(string text, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(text.Length));
        try
        {
            int length = StrictUtf8.GetBytes(text, buffer);
            await SendCoreAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendCoreAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, bool async, CancellationToken cancellationToken)
    {
        EnterSend();
        try
        {
            WebSocketConnection connection = await CurrentForSendAsync(async, cancellationToken).ConfigureAwait(false);
            await connection.SendMessageAsync(OpcodeOf(type), data, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitSend();
        }
    }

    /// <summary>The connection to send on; reconnects first when it was lost and no one else is reconnecting.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketConnection> CurrentForSendAsync(bool async, CancellationToken cancellationToken)
    {
        WebSocketConnection connection = CurrentForSend();
        if (connection.State != WebSocketState.Closed || !CanReconnect(connection))
        {
            return connection;
        }

        var lost = new WebSocketClosedException(
            connection.CloseStatus ?? WebSocketCloseStatus.AbnormalClosure, connection.CloseReason ?? string.Empty, "The connection was lost.");
        return await TryReconnectAsync(connection, lost, async, cancellationToken).ConfigureAwait(false) ? _connection : connection;
    }

    private WebSocketConnection CurrentForSend()
    {
        if (_reconnecting)
        {
            throw new WebSocketReconnectingException("The connection was lost and is being re-established; the message was not sent. Send it again after the Reconnected event.");
        }

        return _connection;
    }

    private void EnterSend()
    {
        if (Interlocked.Exchange(ref _sending, 1) != 0)
        {
            throw new InvalidOperationException("Another send or message writer is in progress: a WebSocketClient allows one sender at a time.");
        }
    }

    internal static WebSocketOpcode OpcodeOf(WebSocketMessageType type) => type switch
    {
        WebSocketMessageType.Text => WebSocketOpcode.Text,
        WebSocketMessageType.Binary => WebSocketOpcode.Binary,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Text or Binary."),
    };
}
