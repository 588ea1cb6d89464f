using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Reqivo.Protocol.WebSockets;
using Reqivo.Tests;

namespace Reqivo.Protocol.Tests.WebSockets;

/// <summary>The frame examples of RFC 6455 §5.7, from the shared vectors.</summary>
public sealed class RfcExampleTests
{
    public static IEnumerable<object[]> FrameExamples()
    {
        if (TestVectors.Root is null)
        {
            yield break;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("websocket/rfc6455-rfc7692-examples.json")));
        foreach (JsonElement example in document.RootElement.GetProperty("frames").EnumerateArray())
        {
            yield return [example.GetProperty("id").GetString()!];
        }
    }

    private static JsonElement Example(string id)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("websocket/rfc6455-rfc7692-examples.json")));
        return document.RootElement.GetProperty("frames").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id).Clone();
    }

    private static byte[] ExpectedMessage(JsonElement example) =>
        example.TryGetProperty("message", out JsonElement text)
            ? System.Text.Encoding.UTF8.GetBytes(text.GetString()!)
            : new byte[example.GetProperty("message_len").GetInt32()];

    private static byte[][] Frames(JsonElement example) =>
        example.TryGetProperty("frames", out JsonElement frames)
            ? frames.EnumerateArray().Select(f => Convert.FromHexString(f.GetString()!)).ToArray()
            : [];

    /// <summary>Unmasks a client frame the way a server would, using only the header codec and the masking.</summary>
    private static (WebSocketFrameHeader Header, byte[] Payload) ReadAnyFrame(byte[] frame)
    {
        Assert.True(WebSocketFrameHeader.TryRead(frame, out WebSocketFrameHeader header, out int headerLength));
        byte[] payload = frame[headerLength..];
        Assert.Equal(header.PayloadLength, payload.Length);
        if (header.IsMasked)
        {
            WebSocketMasking.Apply(payload, header.MaskingKey);
        }

        return (header, payload);
    }

    [Fact]
    public void The_examples_are_read()
    {
        if (TestVectors.Root is not null)
        {
            Assert.Equal(7, FrameExamples().Count());
        }
    }

    [VectorTheory]
    [MemberData(nameof(FrameExamples))]
    public void Each_example_frame_decodes_to_its_message(string id)
    {
        JsonElement example = Example(id);
        byte[] expected = ExpectedMessage(example);
        byte[][] frames = Frames(example);
        if (frames.Length == 0)
        {
            // Header-only example (64 KiB): the header says what the RFC says.
            Assert.True(WebSocketFrameHeader.TryRead(Convert.FromHexString(example.GetProperty("header_hex").GetString()!), out WebSocketFrameHeader header, out int length));
            Assert.Equal(10, length);
            Assert.Equal(expected.Length, header.PayloadLength);
            Assert.Equal((WebSocketOpcode)example.GetProperty("opcode").GetInt32(), header.Opcode);
            return;
        }

        var message = new List<byte>();
        foreach (byte[] frame in frames)
        {
            (WebSocketFrameHeader header, byte[] payload) = ReadAnyFrame(frame);
            message.AddRange(payload);
        }

        Assert.Equal(expected, message.ToArray());
        Assert.Equal((WebSocketOpcode)example.GetProperty("opcode").GetInt32(), ReadAnyFrame(frames[0]).Header.Opcode);
    }

    [VectorTheory]
    [MemberData(nameof(FrameExamples))]
    public void Each_unmasked_example_passes_the_client_decoder_whole_and_byte_by_byte(string id)
    {
        JsonElement example = Example(id);
        byte[] wire = Frames(example).SelectMany(f => f).ToArray();
        if (wire.Length == 0 || ReadAnyFrame(Frames(example)[0]).Header.IsMasked)
        {
            return; // masked examples are client frames: the client decoder refuses them (see the masking rule tests)
        }

        foreach (int piece in new[] { 0, 1, 2, 3, 7 })
        {
            List<FrameEvent> events = FrameDriver.DecodeAll(wire, piece);

            byte[] payload = events.Where(e => e.Kind is WebSocketFrameEventKind.PayloadData or WebSocketFrameEventKind.ControlFrame)
                .SelectMany(e => e.Payload).ToArray();
            Assert.Equal(ExpectedMessage(example), payload);
            FrameEvent last = events[^1];
            bool control = (example.GetProperty("opcode").GetInt32() & 8) != 0;
            Assert.Equal(control ? WebSocketFrameEventKind.ControlFrame : WebSocketFrameEventKind.EndOfMessage, last.Kind);
        }
    }

    [VectorTheory]
    [MemberData(nameof(FrameExamples))]
    public void Each_masked_example_is_what_the_encoder_writes_with_its_key(string id)
    {
        JsonElement example = Example(id);
        byte[][] frames = Frames(example);
        foreach (byte[] frame in frames)
        {
            (WebSocketFrameHeader header, byte[] payload) = ReadAnyFrame(frame);
            if (!header.IsMasked)
            {
                continue;
            }

            byte[] written = new byte[WebSocketFrameEncoder.GetFrameLength(payload.Length)];
            int length = WebSocketFrameEncoder.WriteFrame(written, header.Opcode, header.Fin, payload, header.MaskingKey);

            Assert.Equal(frame, written[..length]);
        }
    }

    [VectorFact]
    public void The_fragmented_example_reports_two_frames_and_one_message()
    {
        byte[] wire = Frames(Example("rfc6455-5.7-c")).SelectMany(f => f).ToArray();

        List<FrameEvent> events = FrameDriver.DecodeAll(wire, 1);

        Assert.Equal(
            [
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.PayloadData, WebSocketFrameEventKind.EndOfFrame,
                WebSocketFrameEventKind.DataFrameStart, WebSocketFrameEventKind.PayloadData, WebSocketFrameEventKind.EndOfMessage,
            ],
            events.Select(e => e.Kind));
        Assert.Equal(WebSocketOpcode.Text, events[0].Header.Opcode);
        Assert.Equal(WebSocketOpcode.Continuation, events[3].Header.Opcode);
    }
}
