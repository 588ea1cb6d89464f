using System;
using System.Collections.Generic;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>One event of <see cref="WebSocketFrameDecoder"/>, with consecutive payload pieces of a frame merged so that every split of the input gives the same list.</summary>
internal sealed record FrameEvent(WebSocketFrameEventKind Kind, WebSocketFrameHeader Header, byte[] Payload)
{
    public override string ToString() => $"{Kind} {Header.Opcode} fin={Header.Fin} len={Header.PayloadLength} payload={Convert.ToHexString(Payload)}";
}

/// <summary>Plays a client: appends received bytes to a buffer, decodes until NeedMoreData, drops what was consumed.</summary>
internal sealed class FrameDriver
{
    private readonly List<byte> _buffer = [];

    public FrameDriver(WebSocketFrameDecoder? decoder = null)
    {
        Decoder = decoder ?? new WebSocketFrameDecoder();
    }

    public WebSocketFrameDecoder Decoder { get; }

    private readonly List<FrameEvent> _rawEvents = [];

    /// <summary>The events so far, consecutive payload pieces of one frame merged.</summary>
    public List<FrameEvent> Events
    {
        get
        {
            var merged = new List<FrameEvent>();
            var run = new List<byte>();
            foreach (FrameEvent e in _rawEvents)
            {
                if (e.Kind == WebSocketFrameEventKind.PayloadData && merged.Count > 0 && merged[^1].Kind == WebSocketFrameEventKind.PayloadData)
                {
                    run.AddRange(e.Payload);
                    continue;
                }

                Flush(merged, run);
                merged.Add(e);
                run.AddRange(e.Kind == WebSocketFrameEventKind.PayloadData ? e.Payload : []);
            }

            Flush(merged, run);
            return merged;
        }
    }

    private static void Flush(List<FrameEvent> merged, List<byte> run)
    {
        if (merged.Count > 0 && merged[^1].Kind == WebSocketFrameEventKind.PayloadData)
        {
            merged[^1] = merged[^1] with { Payload = [.. run] };
        }

        run.Clear();
    }

    /// <summary>How many bytes were fed in total.</summary>
    public int BytesFed { get; private set; }

    /// <summary>How many bytes the buffer holds that the decoder has not consumed.</summary>
    public int Pending => _buffer.Count;

    /// <summary>Decodes <paramref name="wire"/> fed in pieces of <paramref name="pieceLength"/> bytes (the whole at once when 0).</summary>
    public static List<FrameEvent> DecodeAll(byte[] wire, int pieceLength = 0, WebSocketFrameDecoder? decoder = null)
    {
        var driver = new FrameDriver(decoder);
        driver.FeedInPieces(wire, pieceLength);
        return driver.Events;
    }

    public void FeedInPieces(byte[] wire, int pieceLength)
    {
        int step = pieceLength <= 0 ? Math.Max(wire.Length, 1) : pieceLength;
        for (int i = 0; i < wire.Length; i += step)
        {
            Feed(wire.AsSpan(i, Math.Min(step, wire.Length - i)));
        }

        if (wire.Length == 0)
        {
            Feed([]);
        }
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        _buffer.AddRange(bytes);
        BytesFed += bytes.Length;
        while (true)
        {
            byte[] input = [.. _buffer];
            WebSocketFrameEventKind kind = Decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> payload);
            Assert.InRange(consumed, 0, input.Length);
            _buffer.RemoveRange(0, consumed);
            if (kind == WebSocketFrameEventKind.NeedMoreData)
            {
                Assert.Equal(0, consumed);
                return;
            }

            if (kind == WebSocketFrameEventKind.PayloadData)
            {
                Assert.False(payload.IsEmpty);
            }

            _rawEvents.Add(new FrameEvent(kind, Decoder.Header, payload.ToArray()));
        }
    }
}

/// <summary>Builds server frames byte by byte, including ones RFC 6455 forbids, for the decoder to judge.</summary>
internal static class Wire
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>An unmasked frame with any bits the test wants, using the shortest length encoding.</summary>
    public static byte[] Frame(int opcode, bool fin, byte[] payload, bool rsv1 = false, bool rsv2 = false, bool rsv3 = false)
    {
        var header = new WebSocketFrameHeader
        {
            Fin = fin,
            Rsv1 = rsv1,
            Rsv2 = rsv2,
            Rsv3 = rsv3,
            Opcode = (WebSocketOpcode)opcode,
            PayloadLength = payload.Length,
        };
        byte[] frame = new byte[header.EncodedLength + payload.Length];
        int written = header.Write(frame);
        payload.CopyTo(frame, written);
        return frame;
    }

    public static byte[] Frame(WebSocketOpcode opcode, bool fin, byte[] payload, bool rsv1 = false) => Frame((int)opcode, fin, payload, rsv1);

    public static byte[] Text(string text, bool fin = true) => Frame(WebSocketOpcode.Text, fin, System.Text.Encoding.UTF8.GetBytes(text));

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] part in parts)
        {
            all.AddRange(part);
        }

        return [.. all];
    }
}
