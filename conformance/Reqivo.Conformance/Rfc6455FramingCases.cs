using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 6455 §5 (framing), §7.1.5 and §7.4 (close status codes), §8.1 (UTF-8) and §10.4 (limits), for the client's
/// <see cref="WebSocketFrameDecoder"/>, <see cref="WebSocketFrameEncoder"/> and <see cref="WebSocketCloseStatus"/>.
/// Server bytes are fed one at a time.
/// </summary>
internal static class Rfc6455FramingCases
{
    private const int Continuation = 0x0;
    private const int Text = 0x1;
    private const int Binary = 0x2;
    private const int Close = 0x8;
    private const int Ping = 0x9;

    public static IEnumerable<ConformanceCase> All() => Framing().Concat(Fragmentation()).Concat(ControlFrames()).Concat(CloseCodes()).Concat(Utf8());

    private static void Fails(FrameRun run, WebSocketViolation violation, int closeCode, string what)
    {
        Expect.True(run.Error is not null, $"{what}: accepted, expected {violation} ({run})");
        Expect.Equal(violation, run.Error!.Violation, $"{what}: violation");
        Expect.Equal(closeCode, run.Error.CloseCode, $"{what}: close code");
    }

    private static void Accepts(FrameRun run, string what) =>
        Expect.True(run.Error is null, $"{what}: refused ({run})");

    private static byte[] Code(int code, string reason = "") => [(byte)(code >> 8), (byte)code, .. Encoding.UTF8.GetBytes(reason)];

    private static IEnumerable<ConformanceCase> Framing()
    {
        // §5.1: "A client MUST close a connection if it detects a masked frame."
        yield return new("6455-5.1-masked-server-frame", "6455", "5.1", RequirementLevel.Must,
            "A masked frame from the server fails the connection (1002)",
            () => Fails(FrameRun.Decode(Convert.FromHexString("818537fa213d7f9f4d5158")), WebSocketViolation.MaskedServerFrame, 1002, "masked \"Hello\""));

        // §5.1: "a client MUST mask all frames that it sends to the server".
        yield return new("6455-5.1-client-masks", "6455", "5.1", RequirementLevel.Must,
            "Every frame the client writes is masked",
            () =>
            {
                byte[] frame = new byte[64];
                foreach (WebSocketOpcode opcode in new[] { WebSocketOpcode.Text, WebSocketOpcode.Binary, WebSocketOpcode.Ping, WebSocketOpcode.Pong, WebSocketOpcode.Close })
                {
                    WebSocketFrameEncoder.WriteFrame(frame, opcode, true, [], 0x01020304);
                    Expect.True((frame[1] & 0x80) != 0, $"{opcode} frame: MASK bit");
                }
            });

        // §5.2: RSV1-3 "MUST be 0 unless an extension is negotiated that defines meanings for non-zero values. If a
        // nonzero value is received and none of the negotiated extensions defines the meaning of such a nonzero value,
        // the receiving endpoint MUST _Fail the WebSocket Connection_."
        yield return new("6455-5.2-reserved-bits", "6455", "5.2", RequirementLevel.Must,
            "RSV1, RSV2 or RSV3 set without a negotiated extension fails the connection (1002)",
            () =>
            {
                Fails(FrameRun.Decode(FrameRun.Frame(Text, true, [], rsv1: true)), WebSocketViolation.ReservedBitSet, 1002, "RSV1");
                Fails(FrameRun.Decode(FrameRun.Frame(Text, true, [], rsv2: true)), WebSocketViolation.ReservedBitSet, 1002, "RSV2");
                Fails(FrameRun.Decode(FrameRun.Frame(Ping, true, [], rsv3: true)), WebSocketViolation.ReservedBitSet, 1002, "RSV3 on a Ping");
                Fails(FrameRun.Decode(FrameRun.Frame(Binary, true, [], rsv2: true), new WebSocketFrameDecoder(perMessageDeflate: true)),
                    WebSocketViolation.ReservedBitSet, 1002, "RSV2 with permessage-deflate, which defines RSV1 only");
            });

        // §5.2: "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_."
        yield return new("6455-5.2-reserved-opcodes", "6455", "5.2", RequirementLevel.Must,
            "Opcodes 0x3-0x7 and 0xB-0xF fail the connection (1002)",
            () =>
            {
                foreach (int opcode in new[] { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
                {
                    Fails(FrameRun.Decode(FrameRun.Frame(opcode, true, [])), WebSocketViolation.ReservedOpcode, 1002, $"opcode 0x{opcode:X}");
                }
            });

        // §5.2: payload length in 7 bits, 7+16 bits or 7+64 bits.
        yield return new("6455-5.2-payload-lengths", "6455", "5.2", RequirementLevel.Must,
            "7-bit, 16-bit and 64-bit payload lengths are decoded",
            () =>
            {
                foreach (int length in new[] { 0, 125, 126, 65535, 65536 })
                {
                    FrameRun run = FrameRun.Decode(FrameRun.Frame(Binary, true, new byte[length]));
                    Accepts(run, $"{length} bytes");
                    Expect.Equal(length, run.Messages.Single().Payload.Length, $"{length} bytes: payload length");
                }
            });

        // §5.2: "the minimal number of bytes MUST be used to encode the length" (a sender's duty).
        yield return new("6455-5.2-minimal-length-sent", "6455", "5.2", RequirementLevel.Must,
            "The client encodes payload lengths in the minimal number of bytes",
            () =>
            {
                foreach ((long length, int headerLength) in new[] { (125L, 6), (126L, 8), (65535L, 8), (65536L, 14) })
                {
                    Expect.Equal(headerLength, WebSocketFrameEncoder.WriteHeader(new byte[14], WebSocketOpcode.Binary, true, length, 1), $"header for {length} bytes");
                }
            });

        // §5.2 gives the receiver no rule for a longer-than-minimal length; the value is unambiguous.
        yield return new("6455-5.2-non-minimal-length-received", "6455", "5.2", RequirementLevel.May,
            "A payload length received in a longer form than needed is accepted (Reqivo is lenient here)",
            () => Accepts(FrameRun.Decode(Convert.FromHexString("827e000548656c6c6f")), "5 in 16 bits"));

        // §5.2: for the 64-bit length, "the most significant bit MUST be 0".
        yield return new("6455-5.2-length-msb", "6455", "5.2", RequirementLevel.Must,
            "A 64-bit payload length with its most significant bit set fails the connection (1002)",
            () => Fails(FrameRun.Decode(Convert.FromHexString("827f8000000000000000")), WebSocketViolation.InvalidPayloadLength, 1002, "2^63"));

        // §5.3 with the §5.7 example: masked "Hello" with key 37 fa 21 3d.
        yield return new("6455-5.3-masking", "6455", "5.3", RequirementLevel.Must,
            "Masking XORs octet i with octet i mod 4 of the key (the §5.7 masked \"Hello\")",
            () =>
            {
                byte[] frame = new byte[11];
                WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Text, true, "Hello"u8, 0x37fa213d);
                Expect.Equal("818537FA213D7F9F4D5158", Convert.ToHexString(frame), "frame");
            });

        // §5.7: the unmasked examples a server may send.
        yield return new("6455-5.7-examples", "6455", "5.7", RequirementLevel.Must,
            "The §5.7 unmasked examples decode: text, fragmented text, Ping, 256-byte binary",
            () =>
            {
                FrameRun run = FrameRun.Decode(Convert.FromHexString("810548656c6c6f" + "010348656c" + "80026c6f" + "890548656c6c6f" + "827e0100" + new string('0', 512)));
                Accepts(run, "examples");
                Expect.Equal(3, run.Messages.Count, "messages");
                Expect.Equal("Hello", Encoding.UTF8.GetString(run.Messages[0].Payload), "single-frame text");
                Expect.Equal("Hello", Encoding.UTF8.GetString(run.Messages[1].Payload), "fragmented text");
                Expect.Equal(256, run.Messages[2].Payload.Length, "binary length");
                Expect.Equal(WebSocketOpcode.Ping, run.ControlFrames.Single().Opcode, "Ping");
            });

        // §10.4: "implementations SHOULD impose a limit on frame sizes and the total message size after reassembly".
        yield return new("6455-10.4-limits", "6455", "10.4", RequirementLevel.Should,
            "Frames and messages over the configured limits fail with 1009, on the header",
            () =>
            {
                var limits = new WebSocketLimits { MaxFramePayloadLength = 100, MaxMessageLength = 150 };
                Fails(FrameRun.Decode(FrameRun.Frame(Binary, true, new byte[101])[..4], new WebSocketFrameDecoder(limits)), WebSocketViolation.FrameTooLarge, 1009, "101-byte frame");
                Fails(FrameRun.Decode(FrameRun.Concat(FrameRun.Frame(Binary, false, new byte[100]), FrameRun.Frame(Continuation, true, new byte[51])), new WebSocketFrameDecoder(limits)),
                    WebSocketViolation.MessageTooLarge, 1009, "151-byte message");
            });
    }

    private static IEnumerable<ConformanceCase> Fragmentation()
    {
        // §5.4: a fragmented message is a first frame with FIN clear, continuations, and a final continuation.
        yield return new("6455-5.4-reassembly", "6455", "5.4", RequirementLevel.Must,
            "A message fragmented into several frames, some empty, is one message",
            () =>
            {
                FrameRun run = FrameRun.Decode(FrameRun.Concat(FrameRun.Frame(Binary, false, [1]), FrameRun.Frame(Continuation, false, []), FrameRun.Frame(Continuation, true, [2, 3])));
                Accepts(run, "fragments");
                Expect.Equal("010203", Convert.ToHexString(run.Messages.Single().Payload), "payload");
                Expect.Equal(WebSocketOpcode.Binary, run.Messages[0].Opcode, "type from the first frame");
            });

        // §5.4: "An endpoint MUST be capable of handling control frames in the middle of a fragmented message."
        yield return new("6455-5.4-control-interleaved", "6455", "5.4", RequirementLevel.Must,
            "Control frames between the fragments of a message are reported and the message continues",
            () =>
            {
                FrameRun run = FrameRun.Decode(FrameRun.Concat(FrameRun.Frame(Text, false, "fra"u8.ToArray()), FrameRun.Frame(Ping, true, "p"u8.ToArray()),
                    FrameRun.Frame(Continuation, true, "gment"u8.ToArray())));
                Accepts(run, "interleaved Ping");
                Expect.Equal("fragment", Encoding.UTF8.GetString(run.Messages.Single().Payload), "message");
                Expect.Equal(1, run.ControlFrames.Count, "control frames");
            });

        // §5.4: continuation frames exist only within a fragmented message.
        yield return new("6455-5.4-continuation-alone", "6455", "5.4", RequirementLevel.Must,
            "A continuation frame with no message in progress fails the connection (1002)",
            () => Fails(FrameRun.Decode(FrameRun.Frame(Continuation, true, [1])), WebSocketViolation.UnexpectedContinuation, 1002, "lone continuation"));

        // §5.4: "the fragments of one message MUST NOT be interleaved between the fragments of another message".
        yield return new("6455-5.4-no-interleaved-messages", "6455", "5.4", RequirementLevel.Must,
            "A new text or binary frame inside an unfinished message fails the connection (1002)",
            () => Fails(FrameRun.Decode(FrameRun.Concat(FrameRun.Frame(Text, false, []), FrameRun.Frame(Binary, true, []))), WebSocketViolation.UnfinishedMessage, 1002, "binary inside text"));
    }

    private static IEnumerable<ConformanceCase> ControlFrames()
    {
        // §5.5: "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented."
        yield return new("6455-5.5-control-length", "6455", "5.5", RequirementLevel.Must,
            "A control frame of 126 bytes or more fails the connection (1002); 125 is accepted",
            () =>
            {
                Accepts(FrameRun.Decode(FrameRun.Frame(Ping, true, new byte[125])), "125-byte Ping");
                Fails(FrameRun.Decode(FrameRun.Frame(Ping, true, new byte[126])), WebSocketViolation.ControlFrameTooLong, 1002, "126-byte Ping");
            });

        yield return new("6455-5.5-control-fragmented", "6455", "5.5", RequirementLevel.Must,
            "A control frame with FIN clear fails the connection (1002)",
            () => Fails(FrameRun.Decode(FrameRun.Frame(Ping, false, [])), WebSocketViolation.FragmentedControlFrame, 1002, "fragmented Ping"));

        yield return new("6455-5.5-control-sent", "6455", "5.5", RequirementLevel.Must,
            "The client never writes a fragmented or over-long control frame",
            () =>
            {
                Expect.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(new byte[200], WebSocketOpcode.Ping, false, [], 1), "fragmented Ping");
                Expect.Throws<ArgumentException>(() => WebSocketFrameEncoder.WriteFrame(new byte[200], WebSocketOpcode.Pong, true, new byte[126], 1), "126-byte Pong");
                Expect.Throws<ArgumentException>(() => WebSocketCloseStatus.WritePayload(new byte[200], 1000, new string('x', 124)), "124-byte close reason");
            });

        // §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned integer".
        yield return new("6455-5.5.1-close-one-byte", "6455", "5.5.1", RequirementLevel.Must,
            "A Close frame with a one-byte payload fails the connection (1002)",
            () => Fails(FrameRun.Decode(FrameRun.Frame(Close, true, [0x03])), WebSocketViolation.InvalidCloseStatus, 1002, "one-byte Close"));

        // §7.1.5: "If this Close control frame contains no status code, _The WebSocket Connection Close Code_ is
        // considered to be 1005."
        yield return new("6455-7.1.5-no-status", "6455", "7.1.5", RequirementLevel.Must,
            "An empty Close frame is accepted and reads as code 1005",
            () =>
            {
                FrameRun run = FrameRun.Decode(FrameRun.Frame(Close, true, []));
                Accepts(run, "empty Close");
                WebSocketCloseStatus.ReadPayload(run.ControlFrames.Single().Payload, out int code, out _);
                Expect.Equal(1005, code, "close code");
            });
    }

    private static IEnumerable<ConformanceCase> CloseCodes()
    {
        // §7.4.1 and the IANA registry: codes that may appear in a Close frame.
        yield return new("6455-7.4.1-valid-codes", "6455", "7.4.1", RequirementLevel.Must,
            "Close codes 1000-1003, 1007-1014 and 3000-4999 are accepted with their reason",
            () =>
            {
                foreach (int code in new[] { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
                {
                    FrameRun run = FrameRun.Decode(FrameRun.Frame(Close, true, Code(code, "reason")));
                    Accepts(run, $"code {code}");
                    WebSocketCloseStatus.ReadPayload(run.ControlFrames.Single().Payload, out int read, out string reason);
                    Expect.Equal(code, read, "code read back");
                    Expect.Equal("reason", reason, "reason read back");
                }
            });

        // §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame"; 0-999 "are not
        // used"; 1004 is reserved.
        yield return new("6455-7.4.1-invalid-codes", "6455", "7.4.1", RequirementLevel.Must,
            "Close codes 0-999, 1004, 1005, 1006 and 1015 fail the connection (1002)",
            () =>
            {
                foreach (int code in new[] { 0, 1, 999, 1004, 1005, 1006, 1015 })
                {
                    Fails(FrameRun.Decode(FrameRun.Frame(Close, true, Code(code))), WebSocketViolation.InvalidCloseStatus, 1002, $"code {code}");
                }
            });

        // §7.4.2: 1000-2999 are reserved for this protocol and its extensions; none beyond the registry is negotiated,
        // and 5000 and up lie outside every range.
        yield return new("6455-7.4.2-reserved-codes", "6455", "7.4.2", RequirementLevel.Should,
            "Close codes 1016-2999 and 5000-65535 fail the connection (1002)",
            () =>
            {
                foreach (int code in new[] { 1016, 1100, 2000, 2999, 5000, 65535 })
                {
                    Fails(FrameRun.Decode(FrameRun.Frame(Close, true, Code(code))), WebSocketViolation.InvalidCloseStatus, 1002, $"code {code}");
                }
            });

        yield return new("6455-7.4-codes-sent", "6455", "7.4.1", RequirementLevel.Must,
            "The client refuses to send 1005, 1006, 1015 or a code outside the valid ranges",
            () =>
            {
                foreach (int code in new[] { 999, 1005, 1006, 1015, 2000, 5000 })
                {
                    Expect.Throws<ArgumentOutOfRangeException>(() => WebSocketCloseStatus.WritePayload(new byte[2], code), $"code {code}");
                }
            });
    }

    private static IEnumerable<ConformanceCase> Utf8()
    {
        // §8.1: "When an endpoint is to interpret a byte stream as UTF-8 but finds that the byte stream is not, in
        // fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_."
        yield return new("6455-8.1-invalid-text", "6455", "8.1", RequirementLevel.Must,
            "A text message that is not UTF-8 fails the connection (1007): overlong, surrogate, > U+10FFFF, truncated",
            () =>
            {
                foreach (string hex in new[] { "C080", "EDA080", "F4908080", "FF", "80", "CEBAE1BD" })
                {
                    Fails(FrameRun.Decode(FrameRun.Frame(Text, true, Convert.FromHexString(hex))), WebSocketViolation.InvalidUtf8, 1007, hex);
                }
            });

        yield return new("6455-8.1-split-code-point", "6455", "8.1", RequirementLevel.Must,
            "A code point split across fragments is valid",
            () =>
            {
                byte[] text = Encoding.UTF8.GetBytes("𤭢");
                FrameRun run = FrameRun.Decode(FrameRun.Concat(FrameRun.Frame(Text, false, text[..1]), FrameRun.Frame(Continuation, false, text[1..3]), FrameRun.Frame(Continuation, true, text[3..])));
                Accepts(run, "four-byte code point in three frames");
                Expect.Equal("𤭢", Encoding.UTF8.GetString(run.Messages.Single().Payload), "message");
            });

        // Autobahn 6.x judges a client that fails only at the end of a message NON-STRICT: fail on the first byte.
        yield return new("6455-8.1-fail-fast", "6455", "8.1", RequirementLevel.Should,
            "Invalid UTF-8 fails on the first impossible byte, before the frame or message ends",
            () =>
            {
                byte[] frame = FrameRun.Concat(FrameRun.Frame(Text, false, [.. "κόσμε"u8, 0xED, 0xA0, 0x80, .. "edited"u8]), FrameRun.Frame(Continuation, true, []));
                FrameRun run = FrameRun.Decode(frame);
                Fails(run, WebSocketViolation.InvalidUtf8, 1007, "surrogate");
                Expect.Equal(2 + "κόσμε"u8.Length + 2, run.BytesFedAtFailure, "bytes read when the failure was found");
            });

        // §5.5.1: the close reason is UTF-8; §8.1 applies.
        yield return new("6455-8.1-close-reason", "6455", "8.1", RequirementLevel.Must,
            "A Close reason that is not UTF-8 fails the connection (1007)",
            () => Fails(FrameRun.Decode(FrameRun.Frame(Close, true, [0x03, 0xE8, 0xC0, 0x80])), WebSocketViolation.InvalidUtf8, 1007, "overlong reason"));
    }
}
