using System;
using System.Collections.Generic;
using System.Text;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 9112 §7.1 (chunked transfer coding), §7.1.1 (chunk extensions) and §7.1.2 (trailer section), with RFC 9110
/// §6.5.1 (limitations on trailers), for the decoder and for <see cref="ChunkedEncoder"/>.
/// </summary>
internal static class Rfc9112ChunkedCases
{
    private const string Head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    public static IEnumerable<ConformanceCase> All()
    {
        // §7.1: chunked-body = *chunk last-chunk trailer-section CRLF; "A recipient MUST be able to parse and decode
        // the chunked transfer coding."
        yield return new("9112-7.1-decode", "9112", "7.1", RequirementLevel.Must,
            "A chunked body is decoded to the concatenated chunk data",
            () =>
            {
                var run = ResponseRun.Decode(Head + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nHTTP/1.1", peerCloses: false);
                Expect.Completed(run, "two chunks");
                Expect.Octets("hello world", run.Body, "body");
                Expect.Octets("HTTP/1.1", run.Leftover, "bytes after the chunked body");
            });

        // §7.1: chunk-size = 1*HEXDIG; ABNF strings are case-insensitive, so a-f and A-F, with any leading zeros.
        yield return new("9112-7.1-hex-size", "9112", "7.1", RequirementLevel.Must,
            "Chunk sizes are hexadecimal, either case, leading zeros allowed",
            () =>
            {
                var run = ResponseRun.Decode(Head + "a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0000C\r\n0123456789ab\r\n0\r\n\r\n");
                Expect.Completed(run, "sizes a, B and 0000C");
                Expect.Octets("0123456789abcdefghijk0123456789ab", run.Body, "body");
            });

        // §7.1: last-chunk = 1*("0") [ chunk-ext ] CRLF.
        yield return new("9112-7.1-last-chunk-zeros", "9112", "7.1", RequirementLevel.Must,
            "A last-chunk may be written with several zeros",
            () => Expect.Completed(ResponseRun.Decode(Head + "2\r\nok\r\n000\r\n\r\n", peerCloses: false), "last-chunk 000"));

        // §7.1: "recipients MUST anticipate potentially large hexadecimal numerals and prevent parsing errors due to
        // integer conversion overflows or precision loss due to integer representation."
        yield return new("9112-7.1-size-overflow", "9112", "7.1", RequirementLevel.Must,
            "A chunk size too large to represent is refused, never wrapped",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode(Head + "10000000000000002\r\nok\r\n0\r\n\r\n"), ProtocolError.InvalidChunkSize, "2^64 + 2, which wraps to 2");
                Expect.Rejected(ResponseRun.Decode(Head + "8000000000000000\r\n"), ProtocolError.InvalidChunkSize, "2^63");
            });

        yield return new("9112-7.1-size-syntax", "9112", "7.1", RequirementLevel.Must,
            "A chunk-size line that does not start with HEXDIG is invalid",
            () =>
            {
                foreach (string line in new[] { "g", "", "-5", "+5", " 5", "0x5" })
                {
                    Expect.Rejected(ResponseRun.Decode(Head + line + "\r\nhello\r\n0\r\n\r\n"), ProtocolError.InvalidChunkSize, $"chunk-size line \"{line}\"");
                }
            });

        // §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF.
        yield return new("9112-7.1-crlf-after-data", "9112", "7.1", RequirementLevel.Must,
            "Chunk data must be followed by CRLF",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode(Head + "5\r\nhelloX\r\n0\r\n\r\n"), ProtocolError.InvalidChunkTerminator, "data longer than the size");
                Expect.Rejected(ResponseRun.Decode(Head + "5\r\nhello\n0\r\n\r\n"), ProtocolError.InvalidChunkTerminator, "LF alone after the data");
            });

        // §2.2 lets a recipient accept a bare LF "for the start-line and fields" only; chunk framing keeps CRLF.
        yield return new("9112-7.1-size-line-crlf", "9112", "7.1", RequirementLevel.Must,
            "A chunk-size line must end with CRLF (the bare-LF leniency covers only start line and fields)",
            () => Expect.Rejected(ResponseRun.Decode(Head + "5\nhello\r\n0\r\n\r\n"), ProtocolError.InvalidChunkSize, "LF-terminated chunk-size line"));

        // The chunk size, not the content, delimits the data: CRLF or a last-chunk inside the data is data.
        yield return new("9112-7.1-data-is-opaque", "9112", "7.1", RequirementLevel.Must,
            "Chunk data is taken by its size, whatever octets it holds",
            () =>
            {
                var run = ResponseRun.Decode(Head + "7\r\n\r\n0\r\n\r\n\r\n0\r\n\r\n", peerCloses: false);
                Expect.Completed(run, "chunk holding \"\\r\\n0\\r\\n\\r\\n\"");
                Expect.Octets("\r\n0\r\n\r\n", run.Body, "body");
            });

        // §7.1.1: "A recipient MUST ignore unrecognized chunk extensions."
        // chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), chunk-ext-val = token / quoted-string.
        yield return new("9112-7.1.1-extensions-ignored", "9112", "7.1.1", RequirementLevel.Must,
            "Unrecognised chunk extensions are ignored",
            () =>
            {
                var run = ResponseRun.Decode(Head + "5;name=value\r\nhello\r\n1 ; flag\r\n!\r\n2;a=\"x;y\\\"z\";b\r\nok\r\n0\r\n\r\n");
                Expect.Completed(run, "chunks with extensions");
                Expect.Octets("hello!ok", run.Body, "body");
            });

        yield return new("9112-7.1.1-last-chunk-extension", "9112", "7.1.1", RequirementLevel.Must,
            "Extensions on the last chunk are ignored too",
            () => Expect.Completed(ResponseRun.Decode(Head + "2\r\nok\r\n0;checksum=abc\r\n\r\n", peerCloses: false), "last-chunk with an extension"));

        yield return new("9112-7.1.1-extension-syntax", "9112", "7.1.1", RequirementLevel.Must,
            "Anything after the size other than chunk extensions is invalid",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode(Head + "5 x\r\nhello\r\n0\r\n\r\n"), ProtocolError.InvalidChunkSize, "word after the size");
                Expect.Rejected(ResponseRun.Decode(Head + "5;a=\u0001\r\nhello\r\n0\r\n\r\n"), ProtocolError.InvalidChunkSize, "control octet in an extension");
            });

        // §7.1.1: a server "ought to limit the total length of chunk extensions"; for a client the bound is a choice.
        yield return new("9112-7.1.1-extension-limit", "9112", "7.1.1", RequirementLevel.May,
            "Chunk extensions are bounded (choice: MaxChunkSizeLineLength, default 4 KiB)",
            () =>
            {
                var limits = new Http1Limits { MaxChunkSizeLineLength = 64 };
                Expect.Rejected(ResponseRun.Decode(Head + "5;" + new string('x', 100) + "\r\nhello\r\n0\r\n\r\n", limits: limits),
                    ProtocolError.LimitExceeded, "100-octet extension");
            });

        // §7.1.2: "A recipient that retains a received trailer field MUST either store/forward the trailer field
        // separately from the received header fields or merge ..."; "A recipient MUST NOT merge a received trailer
        // field into the header section unless its corresponding header field definition explicitly permits".
        yield return new("9112-7.1.2-trailers-separate", "9112", "7.1.2", RequirementLevel.Must,
            "Trailer fields are reported apart from the header fields, never merged",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTrailer: X-Checksum\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n", peerCloses: false);
                Expect.Completed(run, "chunked body with trailers");
                Expect.Values(run.Trailers, "X-Checksum", ["abc"], "trailer");
                Expect.Values(run.Trailers, "X-Other", ["1"], "second trailer");
                Expect.True(!run.Head!.Headers.Contains("X-Checksum"), "the header section is unchanged");
            });

        yield return new("9112-7.1.2-no-trailers", "9112", "7.1.2", RequirementLevel.Must,
            "An empty trailer section ends the message without a Trailers event",
            () =>
            {
                var run = ResponseRun.Decode(Head + "0\r\n\r\n", peerCloses: false);
                Expect.Completed(run, "last-chunk and empty line");
                Expect.True(run.Trailers is null && !run.Events.Contains(Http1EventKind.Trailers), "no trailers reported");
            });

        // RFC 9110 §6.5.1: fields "that describe message framing, routing, authentication, request modifiers,
        // response controls, or content format" cannot be processed as trailers. Framing and routing fields arriving
        // there are refused rather than dropped.
        yield return new("9110-6.5.1-framing-trailer-refused", "9110", "6.5.1", RequirementLevel.May,
            "A received trailer that frames or routes the message is refused (choice: reject, not discard)",
            () =>
            {
                foreach (string field in new[] { "Content-Length: 5", "Transfer-Encoding: chunked", "Host: evil.example" })
                {
                    Expect.Rejected(ResponseRun.Decode(Head + "0\r\n" + field + "\r\n\r\n"), ProtocolError.InvalidTrailer, $"trailer \"{field}\"");
                }
            });

        // RFC 9110 §6.5.1: "A sender MUST NOT generate a trailer field unless the sender knows the corresponding header
        // field name's definition permits the field to be sent in trailers."
        yield return new("9110-6.5.1-encoder-refuses", "9110", "6.5.1", RequirementLevel.Must,
            "The encoder refuses trailers that frame, route, authenticate or describe the content",
            () =>
            {
                foreach (string name in new[] { "Content-Length", "Transfer-Encoding", "Host", "Authorization", "Content-Type", "Trailer" })
                {
                    var trailers = new HttpHeaders();
                    trailers.Add(name, "1");
                    var output = new System.Buffers.ArrayBufferWriter<byte>();
                    Expect.Throws<ArgumentException>(() => ChunkedEncoder.WriteLastChunk(trailers, output), $"trailer {name}");
                    Expect.Equal(0, output.WrittenCount, $"octets written before refusing {name}");
                }
            });

        // §7.1: chunk-size CRLF chunk-data CRLF, then last-chunk, trailer-section, CRLF.
        yield return new("9112-7.1-encoder-format", "9112", "7.1", RequirementLevel.Must,
            "The encoder writes hex sizes, CRLFs, a last-chunk and the trailer section",
            () =>
            {
                var trailers = new HttpHeaders();
                trailers.Add("X-Checksum", "abc");
                string body = Wire.Capture(output =>
                {
                    ChunkedEncoder.WriteChunk(Encoding.ASCII.GetBytes("hello world, 27 octets long"), output);
                    ChunkedEncoder.WriteChunk([], output);
                    ChunkedEncoder.WriteLastChunk(trailers, output);
                });
                Expect.Octets("1b\r\nhello world, 27 octets long\r\n0\r\nX-Checksum: abc\r\n\r\n", body, "chunked body");
            });

        yield return new("9112-7.1-round-trip", "9112", "7.1", RequirementLevel.Must,
            "What the encoder writes, the decoder reads back",
            () =>
            {
                string data = new string('z', 300) + "\r\n0\r\n\r\n";
                string body = Wire.Capture(output =>
                {
                    ChunkedEncoder.WriteChunk(Wire.Bytes(data), output);
                    ChunkedEncoder.WriteChunk(Wire.Bytes("end"), output);
                    ChunkedEncoder.WriteLastChunk(null, output);
                });
                var run = ResponseRun.Decode(Head + body, peerCloses: false);
                Expect.Completed(run, "encoded body");
                Expect.Octets(data + "end", run.Body, "body");
            });
    }
}
