using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>
/// A message sent in fragments (RFC 6455 §5.4), from <see cref="WebSocketClient.BeginMessage"/>: every
/// <see cref="Write"/> sends one frame at once, <see cref="Complete"/> sends the final frame. Not thread-safe.
/// </summary>
/// <remarks>
/// Disposing a writer that sent fragments but did not complete aborts the connection: the server would otherwise
/// receive a truncated message as if it were whole, or wait forever for its end.
/// </remarks>
public sealed class WebSocketMessageWriter : IDisposable, IAsyncDisposable
{
    private readonly WebSocketClient _client;
    private readonly WebSocketConnection _connection;
    private readonly WebSocketMessageType _type;
    private bool _started;
    private bool _finished;

    internal WebSocketMessageWriter(WebSocketClient client, WebSocketConnection connection, WebSocketMessageType type)
    {
        _client = client;
        _connection = connection;
        _type = type;
        WebSocketClient.OpcodeOf(type);
    }

    /// <summary>The message type.</summary>
    public WebSocketMessageType Type => _type;

    /// <summary>Sends <paramref name="data"/> as the next fragment (an empty one is skipped).</summary>
    /// <param name="data">The fragment's payload.</param>
    /// <param name="cancellationToken">Cancels the write (the connection is then dropped).</param>
    /// <exception cref="InvalidOperationException">The writer completed or was disposed.</exception>
    /// <exception cref="WebSocketClosedException">The connection closed.</exception>
    public void Write(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        SyncPath.Wait(WriteCoreAsync(data, fin: false, async: false, cancellationToken));

    /// <inheritdoc cref="Write(ReadOnlyMemory{byte}, CancellationToken)"/>
    /// <returns>Completes when the fragment was written.</returns>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(data, fin: false, async: true, cancellationToken);

    /// <summary>Sends the final fragment, with <paramref name="data"/> as its payload, and ends the message.</summary>
    /// <param name="data">The last piece of the payload; may be empty.</param>
    /// <param name="cancellationToken">Cancels the write (the connection is then dropped).</param>
    /// <exception cref="InvalidOperationException">The writer completed or was disposed.</exception>
    /// <exception cref="WebSocketClosedException">The connection closed.</exception>
    public void Complete(ReadOnlyMemory<byte> data = default, CancellationToken cancellationToken = default) =>
        SyncPath.Wait(WriteCoreAsync(data, fin: true, async: false, cancellationToken));

    /// <inheritdoc cref="Complete(ReadOnlyMemory{byte}, CancellationToken)"/>
    /// <returns>Completes when the final fragment was written.</returns>
    public ValueTask CompleteAsync(ReadOnlyMemory<byte> data = default, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(data, fin: true, async: true, cancellationToken);

    /// <summary>Releases the sender slot; aborts the connection when fragments were sent and the message was not completed.</summary>
    public void Dispose()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_started)
        {
            _connection.Abort();
        }

        _client.ExitSend();
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, bool fin, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (data.IsEmpty && !fin)
        {
            return;
        }

        // RFC 6455 §5.4: the first frame carries the message's opcode, the others are continuation frames.
        WebSocketOpcode opcode = _started ? WebSocketOpcode.Continuation : WebSocketClient.OpcodeOf(_type);
        try
        {
            await _connection.SendFragmentAsync(opcode, first: !_started, fin, data, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The connection is gone (the failure ended it): the writer is finished too.
            _finished = true;
            _client.ExitSend();
            throw;
        }

        _started = true;
        if (fin)
        {
            _finished = true;
            _client.ExitSend();
        }
    }
}
