using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Protocol.WebSockets;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>Receiving: whole messages, into a caller's buffer, as a stream, or as an async sequence.</summary>
public sealed partial class WebSocketClient
{
    private readonly PooledBufferWriter _message = new(4096);
    private int _receiving;

    // A message stream disposed before its end leaves the rest of its message to skip before the next receive.
    private WebSocketConnection? _unfinishedMessage;

    /// <summary>Receives the next whole message. Pings are answered and Pongs noted meanwhile.</summary>
    /// <param name="cancellationToken">Cancels the receive (the connection is then dropped: a frame may be half read).</param>
    /// <returns>The message.</returns>
    /// <exception cref="InvalidOperationException">Another receive, or a message stream, is in progress.</exception>
    /// <exception cref="WebSocketClosedException">The connection closed (a Close frame, the client's close, or a failure: see its status).</exception>
    /// <exception cref="WebSocketProtocolException">The server broke RFC 6455; the client sent the Close frame it calls for.</exception>
    public WebSocketMessage Receive(CancellationToken cancellationToken = default) =>
        SyncPath.Result(ReceiveMessageCoreAsync(async: false, cancellationToken));

    /// <inheritdoc cref="Receive(CancellationToken)"/>
    public ValueTask<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken = default) =>
        ReceiveMessageCoreAsync(async: true, cancellationToken);

    /// <summary>Receives the next whole message into <paramref name="destination"/> (no allocation per message).</summary>
    /// <param name="destination">Receives the payload; with auto-reconnect on, only a complete message is written to it.</param>
    /// <param name="cancellationToken">Cancels the receive (the connection is then dropped).</param>
    /// <returns>The message type.</returns>
    /// <exception cref="InvalidOperationException">Another receive, or a message stream, is in progress.</exception>
    /// <exception cref="WebSocketClosedException">The connection closed.</exception>
    /// <exception cref="WebSocketProtocolException">The server broke RFC 6455.</exception>
    public WebSocketMessageType ReceiveInto(IBufferWriter<byte> destination, CancellationToken cancellationToken = default) =>
        SyncPath.Result(ReceiveIntoCoreAsync(destination, async: false, cancellationToken));

    /// <inheritdoc cref="ReceiveInto(IBufferWriter{byte}, CancellationToken)"/>
    public ValueTask<WebSocketMessageType> ReceiveIntoAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken = default) =>
        ReceiveIntoCoreAsync(destination, async: true, cancellationToken);

    /// <summary>
    /// Waits for the next message and returns a read-only stream over its payload, read frame by frame as the caller
    /// reads (for messages too large to hold). The stream counts as the one receiver until it is read to its end or
    /// disposed; disposing it early skips the rest of the message.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the message.</param>
    /// <returns>The message stream.</returns>
    /// <exception cref="InvalidOperationException">Another receive, or a message stream, is in progress.</exception>
    /// <exception cref="WebSocketClosedException">The connection closed.</exception>
    /// <exception cref="WebSocketProtocolException">The server broke RFC 6455.</exception>
    public WebSocketMessageStream ReceiveStream(CancellationToken cancellationToken = default) =>
        SyncPath.Result(ReceiveStreamCoreAsync(async: false, cancellationToken));

    /// <inheritdoc cref="ReceiveStream(CancellationToken)"/>
    public ValueTask<WebSocketMessageStream> ReceiveStreamAsync(CancellationToken cancellationToken = default) =>
        ReceiveStreamCoreAsync(async: true, cancellationToken);

    /// <summary>
    /// The messages as they arrive, until the connection closes: the sequence ends quietly after a normal close
    /// (1000 or 1001) or a close the client started, and throws otherwise.
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The messages.</returns>
    public async IAsyncEnumerable<WebSocketMessage> ReadMessagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            WebSocketMessage message;
            try
            {
                message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketClosedException closed) when (closed.IsNormalClosure || _closedByUser)
            {
                yield break;
            }

            yield return message;
        }
    }

    internal void ExitReceive() => Volatile.Write(ref _receiving, 0);

    internal void LeaveUnfinished(WebSocketConnection connection) => _unfinishedMessage = connection;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessage> ReceiveMessageCoreAsync(bool async, CancellationToken cancellationToken)
    {
        EnterReceive();
        try
        {
            WebSocketMessageType type = await ReceiveLoopAsync(_message, async, cancellationToken).ConfigureAwait(false);
            var message = new WebSocketMessage(type, _message.WrittenMemory.ToArray());
            _message.Reset();
            return message;
        }
        finally
        {
            ExitReceive();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessageType> ReceiveIntoCoreAsync(IBufferWriter<byte> destination, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        EnterReceive();
        try
        {
            if (_options.Reconnect is null)
            {
                return await ReceiveLoopAsync(destination, async, cancellationToken).ConfigureAwait(false);
            }

            // A reconnect mid-message must not leave half a message in the caller's buffer: assemble it here first.
            WebSocketMessageType type = await ReceiveLoopAsync(_message, async, cancellationToken).ConfigureAwait(false);
            destination.Write(_message.WrittenMemory.Span);
            _message.Reset();
            return type;
        }
        finally
        {
            ExitReceive();
        }
    }

    /// <summary>Receives one message, reconnecting (when enabled) whenever the connection is lost.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessageType> ReceiveLoopAsync(IBufferWriter<byte> destination, bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            WebSocketConnection connection = await BeginReadAsync(async, cancellationToken).ConfigureAwait(false);
            try
            {
                return await connection.ReceiveMessageAsync(destination, async, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception lost) when (lost is WebSocketClosedException or WebSocketProtocolException && CanReconnect(connection))
            {
                _message.Reset();
                connection.EndRead();
                if (!await TryReconnectAsync(connection, lost, async, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                continue;
            }
            finally
            {
                connection.EndRead();
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessageStream> ReceiveStreamCoreAsync(bool async, CancellationToken cancellationToken)
    {
        EnterReceive();
        try
        {
            while (true)
            {
                WebSocketConnection connection = await BeginReadAsync(async, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (await connection.NextDataEventAsync(async, cancellationToken).ConfigureAwait(false) != WebSocketConnection.DataEvent.MessageStart)
                    {
                        throw new InvalidOperationException("The frame decoder continued a message that was not started.");
                    }

                    if (connection.IsMessageCompressed)
                    {
                        // A compressed message is inflated at its end (RFC 7692 §7.2.2): it is read whole, within the limits.
                        var inflated = new ArrayBufferWriter<byte>();
                        await connection.ReceiveCompressedRestAsync(inflated, async, cancellationToken).ConfigureAwait(false);
                        connection.EndRead();
                        ExitReceive();
                        return new WebSocketMessageStream(connection.CurrentMessageType, inflated.WrittenMemory);
                    }

                    // The stream now owns the read and the receive slot.
                    return new WebSocketMessageStream(this, connection, connection.CurrentMessageType);
                }
                catch (Exception lost) when (lost is WebSocketClosedException or WebSocketProtocolException && CanReconnect(connection))
                {
                    connection.EndRead();
                    if (!await TryReconnectAsync(connection, lost, async, cancellationToken).ConfigureAwait(false))
                    {
                        throw;
                    }
                }
                catch
                {
                    connection.EndRead();
                    throw;
                }
            }
        }
        catch
        {
            ExitReceive();
            throw;
        }
    }

    /// <summary>Claims the current connection's read side and finishes any message a stream left unfinished.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketConnection> BeginReadAsync(bool async, CancellationToken cancellationToken)
    {
        WebSocketConnection connection = _connection;
        if (!connection.TryBeginRead())
        {
            // Only the client's own close reads beside a receiver (EnterReceive keeps out every other reader): the
            // receive ends with the connection's final status, as it would have had it been reading the Close frame.
            throw connection.ClosedByClient
                ? await connection.WaitForClientCloseAsync(async, cancellationToken).ConfigureAwait(false)
                : new InvalidOperationException("Another reader holds the connection; no receive can run meanwhile.");
        }

        if (ReferenceEquals(_unfinishedMessage, connection))
        {
            _unfinishedMessage = null;
            try
            {
                connection.DiscardPayload();
                while (await connection.NextDataEventAsync(async, cancellationToken).ConfigureAwait(false) != WebSocketConnection.DataEvent.EndOfMessage)
                {
                    connection.DiscardPayload();
                }
            }
            catch
            {
                connection.EndRead();
                throw;
            }
        }

        return connection;
    }

    private void EnterReceive()
    {
        if (Interlocked.Exchange(ref _receiving, 1) != 0)
        {
            throw new InvalidOperationException("Another receive or message stream is in progress: a WebSocketClient allows one receiver at a time.");
        }
    }
}
