using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Reqivo.TestServers;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>
/// Test-side WebSocket bytes, written independently of Reqivo.Protocol so it can judge it: server frames (unmasked,
/// any bits and lengths, including illegal ones), the 101 answer to a client's key, and a parser of the client's
/// masked frames as a scripted server recorded them.
/// </summary>
internal static partial class ServerFrames
{
    public static byte[] Frame(int opcode, bool fin, byte[] payload, bool rsv1 = false, bool rsv2 = false, bool rsv3 = false) =>
        FrameWithLength(opcode, fin, payload, payload.Length, rsv1, rsv2, rsv3);

    /// <summary>A frame whose header announces <paramref name="announcedLength"/> bytes, whatever the payload holds.</summary>
    public static byte[] FrameWithLength(int opcode, bool fin, byte[] payload, long announcedLength, bool rsv1 = false, bool rsv2 = false, bool rsv3 = false)
    {
        var bytes = new List<byte>
        {
            (byte)((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (rsv2 ? 0x20 : 0) | (rsv3 ? 0x10 : 0) | (opcode & 0x0F)),
        };
        if (announcedLength < 126)
        {
            bytes.Add((byte)announcedLength);
        }
        else if (announcedLength <= ushort.MaxValue)
        {
            bytes.Add(126);
            bytes.Add((byte)(announcedLength >> 8));
            bytes.Add((byte)announcedLength);
        }
        else
        {
            bytes.Add(127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)((ulong)announcedLength >> shift));
            }
        }

        bytes.AddRange(payload);
        return [.. bytes];
    }

    public static byte[] Text(string text, bool fin = true) => Frame(0x1, fin, Encoding.UTF8.GetBytes(text));

    public static byte[] Close(int code, string reason = "")
    {
        byte[] payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(0x8, true, payload);
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] part in parts)
        {
            all.AddRange(part);
        }

        return [.. all];
    }

    /// <summary>The 101 answer to the upgrade request in <paramref name="received"/>, followed by <paramref name="after"/>.</summary>
    public static byte[] Accept(byte[] received, byte[]? after = null, string? acceptOverride = null, string extraFields = "")
    {
        string request = Encoding.Latin1.GetString(received);
        string key = KeyField().Match(request).Groups[1].Value.Trim();
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 here.
        string accept = acceptOverride ?? Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        byte[] head = Encoding.Latin1.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n{extraFields}\r\n");
        return after is null ? head : Concat(head, after);
    }

    /// <summary>A script that completes the handshake, sends <paramref name="frames"/>, then closes gracefully (recording what the client sends).</summary>
    public static ServerScript HandshakeThen(byte[] frames) =>
        new ServerScript().ReceiveUntil("\r\n\r\n").Respond(received => Accept(received, frames)).Close();

    /// <summary>The frames the client sent after its upgrade request, unmasked.</summary>
    public static List<ClientFrame> ParseClientFrames(byte[] received)
    {
        int at = received.AsSpan().IndexOf("\r\n\r\n"u8);
        var frames = new List<ClientFrame>();
        int position = at < 0 ? received.Length : at + 4;
        while (received.Length - position >= 2)
        {
            byte first = received[position];
            byte second = received[position + 1];
            bool masked = (second & 0x80) != 0;
            long length = second & 0x7F;
            int offset = position + 2;
            if (length == 126)
            {
                length = BinaryPrimitives.ReadUInt16BigEndian(received.AsSpan(offset));
                offset += 2;
            }
            else if (length == 127)
            {
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(received.AsSpan(offset));
                offset += 8;
            }

            byte[] key = masked ? received.AsSpan(offset, 4).ToArray() : [0, 0, 0, 0];
            offset += masked ? 4 : 0;
            if (offset + length > received.Length)
            {
                break;
            }

            byte[] payload = received.AsSpan(offset, (int)length).ToArray();
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] ^= key[i % 4];
            }

            frames.Add(new ClientFrame(first & 0x0F, (first & 0x80) != 0, masked, payload, (first & 0x40) != 0, BinaryPrimitives.ReadUInt32BigEndian(key)));
            position = offset + (int)length;
        }

        return frames;
    }

    [GeneratedRegex("Sec-WebSocket-Key:([^\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyField();
}

internal sealed record ClientFrame(int Opcode, bool Fin, bool Masked, byte[] Payload, bool Rsv1 = false, uint MaskingKey = 0)
{
    public int CloseCode => Opcode == 0x8 && Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : -1;
}
