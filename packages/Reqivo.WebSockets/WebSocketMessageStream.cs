using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets;

/// <summary>
/// A read-only stream over the payload of one received message, from <see cref="WebSocketClient.ReceiveStream"/>:
/// bytes are read from the connection as the caller reads, so a message of any size needs only the caller's buffer.
/// A read returns 0 at the end of the message. Not thread-safe; not seekable.
/// </summary>
/// <remarks>
/// The stream is the client's one receiver until it reaches the end of the message or is disposed; disposing it
/// early makes the next receive skip the rest of the message. A text message's bytes are validated as UTF-8 as they
/// arrive: invalid bytes fail the connection (close code 1007) and the read throws.
/// </remarks>
public sealed class WebSocketMessageStream : Stream
{
    private readonly WebSocketClient? _client;
    private readonly WebSocketConnection? _connection;
    private ReadOnlyMemory<byte> _buffered;
    private bool _ended;
    private bool _released;

    internal WebSocketMessageStream(WebSocketClient client, WebSocketConnection connection, WebSocketMessageType type)
    {
        _client = client;
        _connection = connection;
        MessageType = type;
    }

    /// <summary>A stream over a message already read whole (a compressed message, inflated at its end).</summary>
    internal WebSocketMessageStream(WebSocketMessageType type, ReadOnlyMemory<byte> content)
    {
        MessageType = type;
        _buffered = content;
        _released = true;
    }

    /// <summary>The message type.</summary>
    public WebSocketMessageType MessageType { get; }

    /// <inheritdoc/>
    public override bool CanRead => _connection is null || !_released;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException("A WebSocket message's length is not known before its end.");

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException("The stream is not seekable.");
        set => throw new NotSupportedException("The stream is not seekable.");
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return SyncPath.Result(ReadCoreAsync(buffer.AsMemory(offset, count), async: false, CancellationToken.None));
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        byte[] array = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int read = SyncPath.Result(ReadCoreAsync(array.AsMemory(0, buffer.Length), async: false, CancellationToken.None));
            array.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadCoreAsync(buffer.AsMemory(offset, count), async: true, cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        ReadCoreAsync(buffer, async: true, cancellationToken);

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is not seekable.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_ended && _connection is not null)
        {
            _client!.LeaveUnfinished(_connection);
        }

        Release();
        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            int count = Math.Min(buffer.Length, _buffered.Length);
            _buffered[..count].CopyTo(buffer);
            _buffered = _buffered[count..];
            return count;
        }

        ObjectDisposedException.ThrowIf(_released && !_ended, this);
        if (_ended || buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            while (_connection.PendingPayloadLength == 0)
            {
                if (await _connection.NextDataEventAsync(async, cancellationToken).ConfigureAwait(false) == WebSocketConnection.DataEvent.EndOfMessage)
                {
                    _ended = true;
                    Release();
                    return 0;
                }
            }
        }
        catch
        {
            _ended = true;
            Release();
            throw;
        }

        return _connection.TakePayload(buffer.Span);
    }

    private void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _connection?.EndRead();
        _client?.ExitReceive();
    }
}
