using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Reqivo.Protocol;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 7692 §5 (negotiation), §7.1 (parameters) and §7.2 (compression and decompression), checked against
/// <see cref="PerMessageDeflateNegotiation"/>, <see cref="PerMessageDeflateCompressor"/> and
/// <see cref="PerMessageDeflateDecompressor"/>.
/// </summary>
internal static class Rfc7692DeflateCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // §7.2.2: append 00 00 ff ff and inflate; the examples of §7.2.3.1, §7.2.3.3, §7.2.3.4, §7.2.3.5 are "Hello".
        foreach ((string section, string hex) in new[]
        {
            ("7.2.3.1", "f248cdc9c90700"),
            ("7.2.3.3", "000500faff48656c6c6f00"),
            ("7.2.3.4", "f348cdc9c9070000"),
            ("7.2.3.5", "f24805000000ffffcac9c90700"),
        })
        {
            yield return new($"7692-{section}-decompress", "7692", section, RequirementLevel.Must,
                $"The example of §{section} decompresses to \"Hello\"",
                () => Expect.Octets("Hello", Inflate(new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1024), hex), "message"));
        }

        // §7.2.3.2: with context takeover the second "Hello" refers to the first message's window.
        yield return new("7692-7.2.3.2-takeover", "7692", "7.2.3.2", RequirementLevel.Must,
            "Messages share the LZ77 window unless no_context_takeover was agreed",
            () =>
            {
                using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1024);
                Expect.Octets("Hello", Inflate(decompressor, "f248cdc9c90700"), "first message");
                Expect.Octets("Hello", Inflate(decompressor, "f200110000"), "second message");
            });

        // §7.2.1: "Remove 4 octets (that are 0x00 0x00 0xff 0xff) from the tail end."
        yield return new("7692-7.2.1-compress", "7692", "7.2.1", RequirementLevel.Must,
            "\"Hello\" compresses to the bytes of §7.2.3.1, the sync-flush tail removed",
            () =>
            {
                using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);
                var output = new ArrayBufferWriter<byte>();
                compressor.Compress("Hello"u8, output);
                Expect.Equal("F248CDC9C90700", Convert.ToHexString(output.WrittenSpan), "payload");
            });

        // §7.2.3.6: an empty message is sent as the single octet 0x00.
        yield return new("7692-7.2.3.6-empty", "7692", "7.2.3.6", RequirementLevel.Should,
            "An empty message compresses to 0x00",
            () =>
            {
                using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);
                var output = new ArrayBufferWriter<byte>();
                compressor.Compress([], output);
                Expect.Equal("00", Convert.ToHexString(output.WrittenSpan), "payload");
            });

        // §7.1.1.1: with server_no_context_takeover the client may (and here does) reset its inflater per message.
        yield return new("7692-7.1.1.1-reset", "7692", "7.1.1.1", RequirementLevel.May,
            "With server_no_context_takeover each message is inflated on its own",
            () =>
            {
                using var decompressor = new PerMessageDeflateDecompressor(new PerMessageDeflateParameters(false, true, 15, 15), 1024);
                Expect.Octets("Hello", Inflate(decompressor, "f248cdc9c90700"), "first message");
                var refused = Expect.Throws<ProtocolException>(() => Inflate(decompressor, "f200110000"), "message needing the old window");
                Expect.Equal(ProtocolError.InvalidCompressedData, refused.Error, "kind of refusal");
            });

        // §5 / §7.1: "the client MUST _Fail the WebSocket Connection_" on a response it does not accept.
        yield return Refused("7692-7.1-unknown", "7.1", new PerMessageDeflateOptions(), "permessage-deflate; foo",
            "An unknown parameter is refused");
        yield return Refused("7692-7.1-repeated", "7.1", new PerMessageDeflateOptions(), "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
            "A repeated parameter is refused");
        yield return Refused("7692-7.1.2-range", "7.1.2.1", new PerMessageDeflateOptions(), "permessage-deflate; server_max_window_bits=16",
            "A window outside 8..15 is refused");
        yield return Refused("7692-7.1.2.2-unoffered", "7.1.2.2", new PerMessageDeflateOptions(), "permessage-deflate; client_max_window_bits=10",
            "client_max_window_bits is refused when it was not offered");
        yield return Refused("7692-7.1.1.1-echo", "7.1.1.1", new PerMessageDeflateOptions { ServerNoContextTakeover = true }, "permessage-deflate",
            "A requested server_no_context_takeover must be echoed");
        yield return Refused("7692-7.1.2.1-larger", "7.1.2.1", new PerMessageDeflateOptions { ServerMaxWindowBits = 10 }, "permessage-deflate; server_max_window_bits=12",
            "server_max_window_bits may not exceed the requested value");

        // §8 (security considerations, by analogy with any decompressor): bound what one message may inflate to.
        yield return new("7692-limit", "7692", "7.2.2", RequirementLevel.Should,
            "A message inflating beyond the configured limit is stopped",
            () =>
            {
                using var compressor = new PerMessageDeflateCompressor(PerMessageDeflateParameters.Default);
                var bomb = new ArrayBufferWriter<byte>();
                compressor.Compress(new byte[1 << 20], bomb);
                using var decompressor = new PerMessageDeflateDecompressor(PerMessageDeflateParameters.Default, 1000);
                var refused = Expect.Throws<ProtocolLimitExceededException>(() => decompressor.Decompress(bomb.WrittenSpan, new ArrayBufferWriter<byte>()), "bomb");
                Expect.Equal("MaxMessageBytes", refused.LimitName, "limit");
            });
    }

    private static ConformanceCase Refused(string id, string section, PerMessageDeflateOptions offer, string response, string requirement) =>
        new(id, "7692", section, RequirementLevel.Must, requirement, () =>
        {
            var refused = Expect.Throws<WebSocketHandshakeException>(
                () => PerMessageDeflateNegotiation.Accept(offer, WebSocketExtensionParser.Parse(response)[0]),
                "response " + response);
            Expect.Equal(WebSocketHandshakeError.InvalidExtensionParameters, refused.Error, "kind of refusal");
        });

    private static string Inflate(PerMessageDeflateDecompressor decompressor, string hex)
    {
        var output = new ArrayBufferWriter<byte>();
        decompressor.Decompress(Convert.FromHexString(hex), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
