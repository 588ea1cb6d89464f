namespace Reqivo.WebSocketConformance.Protocol;

/// <summary>One frame as the client sent it, payload already unmasked.</summary>
internal sealed record ClientFrame(bool Fin, int Rsv, int Opcode, bool Masked, byte[] Payload);

/// <summary>
/// Incremental parser for client-to-server frames (RFC 6455 §5.2). It only splits the byte stream into frames;
/// judging what the frames mean is the connection's business.
/// </summary>
internal sealed class ClientFrameParser
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Set when the client announced a length with the most significant bit set (§5.2) or beyond 2 GiB.</summary>
    public string? Error { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_end + data.Length > _buffer.Length)
        {
            int live = _end - _start;
            if (live + data.Length > _buffer.Length)
            {
                var grown = new byte[Math.Max(_buffer.Length * 2, live + data.Length)];
                Buffer.BlockCopy(_buffer, _start, grown, 0, live);
                _buffer = grown;
            }
            else
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, live);
            }

            _end = live;
            _start = 0;
        }

        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    public bool TryRead(out ClientFrame? frame)
    {
        frame = null;
        ReadOnlySpan<byte> data = _buffer.AsSpan(_start, _end - _start);
        if (data.Length < 2)
        {
            return false;
        }

        bool masked = (data[1] & 0x80) != 0;
        long length = data[1] & 0x7F;
        int offset = 2;
        if (length == 126)
        {
            if (data.Length < 4)
            {
                return false;
            }

            length = (data[2] << 8) | data[3];
            offset = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
            {
                return false;
            }

            length = 0;
            for (int i = 0; i < 8; i++)
            {
                length = (length << 8) | data[2 + i];
            }

            offset = 10;
            if (length < 0 || length > int.MaxValue - 16)
            {
                Error = "frame length with the most significant bit set or beyond 2 GiB";
                return false;
            }
        }

        int maskOffset = offset;
        if (masked)
        {
            offset += 4;
        }

        if (data.Length < offset + length)
        {
            return false;
        }

        var payload = data.Slice(offset, (int)length).ToArray();
        if (masked)
        {
            ReadOnlySpan<byte> key = data.Slice(maskOffset, 4);
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] ^= key[i & 3];
            }
        }

        frame = new ClientFrame((data[0] & 0x80) != 0, (data[0] >> 4) & 7, data[0] & 0x0F, masked, payload);
        _start += offset + (int)length;
        return true;
    }
}
