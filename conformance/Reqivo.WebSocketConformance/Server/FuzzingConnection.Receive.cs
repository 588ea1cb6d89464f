using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Server;

/// <summary>
/// The receiving half: splits the client's bytes into frames, checks them as a strict server must (a client that
/// breaks the protocol is failed by dropping TCP, as Autobahn does), answers pings and closes, and hands messages and
/// pongs to the case.
/// </summary>
internal sealed partial class FuzzingConnection
{
    private readonly ClientFrameParser _parser = new();
    private readonly MemoryStream _message = new();
    private int _messageOpcode = -1;
    private bool _messageCompressed;
    private Utf8Checker? _messageUtf8;

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                read = 0;
            }

            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (read == 0 || State == ConnectionState.Closed)
                {
                    ConnectionLost();
                    return;
                }

                ProcessReceived(buffer.AsSpan(0, read));
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private void ConnectionLost()
    {
        if (State == ConnectionState.Closed && _lost.Task.IsCompleted)
        {
            return;
        }

        State = ConnectionState.Closed;
        try
        {
            _socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _case?.OnConnectionLost();
        }
        finally
        {
            _lost.TrySetResult();
        }
    }

    private void ProcessReceived(ReadOnlySpan<byte> data)
    {
        _parser.Append(data);
        while (State != ConnectionState.Closed && !DroppedByMe && _parser.TryRead(out ClientFrame? frame))
        {
            HandleFrame(frame!);
        }

        if (_parser.Error is string error && !DroppedByMe)
        {
            FailConnection("protocol violation: " + error);
        }
    }

    private void HandleFrame(ClientFrame frame)
    {
        // RFC 6455 §5.1: a server MUST close the connection upon receiving an unmasked frame.
        if (!frame.Masked)
        {
            FailConnection("protocol violation: unmasked client-to-server frame");
            return;
        }

        bool isControl = frame.Opcode >= 8;
        // RFC 6455 §5.2 / RFC 7692 §6: RSV1 only on the first frame of a data message, only with permessage-deflate.
        bool rsvAllowed = frame.Rsv == 0
            || (frame.Rsv == 4 && DeflateActive && !isControl && frame.Opcode != FrameWriter.OpContinuation);
        if (!rsvAllowed)
        {
            FailConnection($"protocol violation: RSV = {frame.Rsv} without an extension that defines it");
            return;
        }

        if (isControl)
        {
            HandleControlFrame(frame);
        }
        else
        {
            HandleDataFrame(frame);
        }
    }

    private void HandleDataFrame(ClientFrame frame)
    {
        if (frame.Opcode is not (FrameWriter.OpContinuation or FrameWriter.OpText or FrameWriter.OpBinary))
        {
            FailConnection($"protocol violation: reserved data opcode {frame.Opcode}");
            return;
        }

        // RFC 6455 §5.4: continuation only inside a message, a new data opcode only outside one.
        if (frame.Opcode == FrameWriter.OpContinuation && _messageOpcode < 0)
        {
            FailConnection("protocol violation: continuation frame without a message to continue");
            return;
        }

        if (frame.Opcode != FrameWriter.OpContinuation && _messageOpcode >= 0)
        {
            FailConnection("protocol violation: new data frame while a fragmented message is in progress");
            return;
        }

        if (frame.Opcode != FrameWriter.OpContinuation)
        {
            _messageOpcode = frame.Opcode;
            _messageCompressed = frame.Rsv == 4;
            _messageUtf8 = frame.Opcode == FrameWriter.OpText && !_messageCompressed ? new Utf8Checker() : null;
            _message.SetLength(0);
        }

        if (_message.Length + frame.Payload.Length > MaxMessageSize)
        {
            FailConnection("message larger than the fuzzer's limit");
            return;
        }

        _message.Write(frame.Payload);
        if (_messageUtf8 is not null && !_messageUtf8.Feed(frame.Payload))
        {
            FailConnection("invalid UTF-8 in text message from the client");
            return;
        }

        if (!frame.Fin)
        {
            return;
        }

        byte[] payload = _message.ToArray();
        bool binary = _messageOpcode == FrameWriter.OpBinary;
        bool compressed = _messageCompressed;
        _messageOpcode = -1;
        _message.SetLength(0);
        if (compressed)
        {
            try
            {
                payload = _inflater!.Decompress(payload);
            }
            catch (InvalidDataException ex)
            {
                FailConnection("permessage-deflate: " + ex.Message);
                return;
            }
        }

        if (!binary && ((compressed && !Utf8Checker.IsValid(payload)) || (!compressed && !_messageUtf8!.IsComplete)))
        {
            FailConnection("invalid UTF-8 in text message from the client");
            return;
        }

        _case?.OnMessage(payload, binary);
    }

    private void HandleControlFrame(ClientFrame frame)
    {
        if (frame.Opcode is not (FrameWriter.OpClose or FrameWriter.OpPing or FrameWriter.OpPong))
        {
            FailConnection($"protocol violation: reserved control opcode {frame.Opcode}");
            return;
        }

        // RFC 6455 §5.5: control frames are never fragmented and carry at most 125 octets.
        if (!frame.Fin || frame.Payload.Length > 125)
        {
            FailConnection("protocol violation: fragmented or oversized control frame");
            return;
        }

        switch (frame.Opcode)
        {
            case FrameWriter.OpPing:
                if (State == ConnectionState.Open)
                {
                    SendFrame(FrameWriter.OpPong, frame.Payload);
                }

                break;
            case FrameWriter.OpPong:
                _case?.OnPong(frame.Payload);
                break;
            default:
                HandleClose(frame.Payload);
                break;
        }
    }

    private void HandleClose(byte[] payload)
    {
        int? code = null;
        if (payload.Length == 1)
        {
            FailConnection("protocol violation: close payload of length 1");
            return;
        }

        if (payload.Length >= 2)
        {
            code = BinaryPrimitives.ReadUInt16BigEndian(payload);
            // RFC 6455 §7.4: codes a peer may send (1004-1006, 1015 and the unassigned 1xxx/2xxx are not).
            bool allowed = code is 1000 or 1001 or 1002 or 1003 or 1007 or 1008 or 1009 or 1010 or 1011 or 1012 or 1013 or 1014
                || code is >= 3000 and <= 4999;
            if (!allowed)
            {
                FailConnection($"protocol violation: invalid close code {code}");
                return;
            }

            if (!Utf8Checker.IsValid(payload.AsSpan(2)))
            {
                FailConnection("invalid UTF-8 in close reason");
                return;
            }

            RemoteCloseReason = Encoding.UTF8.GetString(payload, 2, payload.Length - 2);
        }

        RemoteCloseCode = code;
        if (State == ConnectionState.Closing)
        {
            // The answer to our close: the closing handshake is complete and the server drops TCP (§7.1.1).
            WasClean = true;
            Drop();
        }
        else if (State == ConnectionState.Open)
        {
            // The client started the closing handshake: answer with a normal close, then drop TCP.
            WasClean = true;
            SendFrame(FrameWriter.OpClose, FrameWriter.ClosePayload(1000, []));
            LocalCloseCode = 1000;
            State = ConnectionState.Closing;
            DropAfterWrites();
        }
    }
}
