using System;
using System.Collections.Generic;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Conformance;

/// <summary>
/// Feeds server bytes to a <see cref="WebSocketFrameDecoder"/> one byte at a time (the hardest split), collecting the
/// messages and control frames it reports, or the violation that stopped it.
/// </summary>
internal sealed class FrameRun
{
    public List<(WebSocketOpcode Opcode, byte[] Payload)> Messages { get; } = [];

    public List<(WebSocketOpcode Opcode, byte[] Payload)> ControlFrames { get; } = [];

    public WebSocketProtocolException? Error { get; private set; }

    /// <summary>How many bytes had been fed when the decoder failed (the failing byte included).</summary>
    public int BytesFedAtFailure { get; private set; }

    public static FrameRun Decode(byte[] wire, WebSocketFrameDecoder? decoder = null)
    {
        var run = new FrameRun();
        decoder ??= new WebSocketFrameDecoder();
        var buffer = new List<byte>();
        var message = new List<byte>();
        for (int i = 0; i < wire.Length; i++)
        {
            buffer.Add(wire[i]);
            try
            {
                while (true)
                {
                    byte[] input = [.. buffer];
                    WebSocketFrameEventKind kind = decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> payload);
                    buffer.RemoveRange(0, consumed);
                    if (kind == WebSocketFrameEventKind.NeedMoreData)
                    {
                        break;
                    }

                    if (kind == WebSocketFrameEventKind.PayloadData)
                    {
                        message.AddRange(payload);
                    }
                    else if (kind == WebSocketFrameEventKind.EndOfMessage)
                    {
                        run.Messages.Add((decoder.MessageOpcode, [.. message]));
                        message.Clear();
                    }
                    else if (kind == WebSocketFrameEventKind.ControlFrame)
                    {
                        run.ControlFrames.Add((decoder.Header.Opcode, payload.ToArray()));
                    }
                }
            }
            catch (WebSocketProtocolException e)
            {
                run.Error = e;
                run.BytesFedAtFailure = i + 1;
                return run;
            }
        }

        return run;
    }

    /// <summary>An unmasked frame as a server sends it, with any bits and opcode, shortest length encoding.</summary>
    public static byte[] Frame(int opcode, bool fin, byte[] payload, bool rsv1 = false, bool rsv2 = false, bool rsv3 = false)
    {
        var header = new WebSocketFrameHeader
        {
            Fin = fin, Rsv1 = rsv1, Rsv2 = rsv2, Rsv3 = rsv3, Opcode = (WebSocketOpcode)opcode, PayloadLength = payload.Length,
        };
        byte[] frame = new byte[header.EncodedLength + payload.Length];
        payload.CopyTo(frame, header.Write(frame));
        return frame;
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

    public override string ToString() =>
        Error is null ? $"{Messages.Count} messages, {ControlFrames.Count} control frames" : $"failed: {Error.Violation} ({Error.CloseCode})";
}
