using System.Collections.Generic;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 9112 §6.3, the message body length of a response, rule by rule (rule 7 is about requests), and §6.1
/// (Transfer-Encoding). Content-Length details are in <see cref="Rfc9112ContentLengthCases"/>.
/// </summary>
internal static class Rfc9112FramingCases
{
    // What the server sends next on the connection: it must not be taken as body.
    private const string NextResponse = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    public static IEnumerable<ConformanceCase> All()
    {
        // §6.3 (1): "Any response to a HEAD request and any response with a 1xx (Informational), 204 (No Content),
        // or 304 (Not Modified) status code is always terminated by the first empty line after the header fields,
        // regardless of the header fields present in the message".
        yield return new("9112-6.3-1-head", "9112", "6.3", RequirementLevel.Must,
            "(1) A response to HEAD ends with its header section, whatever Content-Length says",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n" + NextResponse, "HEAD", peerCloses: false);
                Expect.Completed(run, "HEAD response");
                Expect.Octets(string.Empty, run.Body, "body");
                Expect.Octets(NextResponse, run.Leftover, "bytes left for the next response");
                Expect.True(run.Head!.KeepAlive, "the connection stays usable");
            });

        yield return new("9112-6.3-1-204", "9112", "6.3", RequirementLevel.Must,
            "(1) A 204 response ends with its header section, whatever Transfer-Encoding says",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n" + NextResponse, peerCloses: false);
                Expect.Completed(run, "204 response");
                Expect.Octets(NextResponse, run.Leftover, "bytes left for the next response");
            });

        yield return new("9112-6.3-1-304", "9112", "6.3", RequirementLevel.Must,
            "(1) A 304 response ends with its header section, whatever Content-Length says",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\n\r\n" + NextResponse, peerCloses: false);
                Expect.Completed(run, "304 response");
                Expect.Octets(NextResponse, run.Leftover, "bytes left for the next response");
            });

        yield return new("9112-6.3-1-1xx", "9112", "6.3", RequirementLevel.Must,
            "(1) A 1xx response ends with its header section; the final response follows",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "100 then 200");
                Expect.Equal(1, run.InterimHeads.Count, "interim responses");
                Expect.Equal(200, run.Head!.StatusCode, "final status");
                Expect.Octets("ok", run.Body, "final body");
            });

        // §6.3 (1) with RFC 9110 §7.8: after 101 the connection speaks the new protocol from the empty line on.
        yield return new("9112-6.3-1-101", "9112", "6.3", RequirementLevel.Must,
            "(1) After a 101 response the bytes that follow belong to the new protocol",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nContent-Length: 3\r\n\r\n\u0081\u0002hi", peerCloses: false);
                Expect.True(run.Head is { IsUpgrade: true, StatusCode: 101 }, $"101 reported as an upgrade ({run})");
                Expect.Equal(Http1DecoderState.Upgraded, run.Decoder.State, "decoder state");
                Expect.Octets("\u0081\u0002hi", run.Leftover, "bytes of the new protocol");
            });

        // §6.3 (2): "Any 2xx (Successful) response to a CONNECT request implies that the connection will become a
        // tunnel immediately after the empty line that concludes the header fields. A client MUST ignore any
        // Content-Length or Transfer-Encoding header fields received in such a message."
        yield return new("9112-6.3-2-connect-2xx", "9112", "6.3", RequirementLevel.Must,
            "(2) A 2xx to CONNECT is a tunnel; Content-Length and Transfer-Encoding are ignored",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 Connection Established\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n\u0016\u0003\u0001", "CONNECT", peerCloses: false);
                Expect.True(run.Head is { IsUpgrade: true, StatusCode: 200 }, $"tunnel reported ({run})");
                Expect.Octets("\u0016\u0003\u0001", run.Leftover, "tunnel bytes");
            });

        yield return new("9112-6.3-2-connect-non-2xx", "9112", "6.3", RequirementLevel.Must,
            "(2) A non-2xx response to CONNECT is framed like any other response",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\ndeny" + NextResponse, "CONNECT", peerCloses: false);
                Expect.Completed(run, "407 to CONNECT");
                Expect.True(!run.Head!.IsUpgrade, "not a tunnel");
                Expect.Octets("deny", run.Body, "body");
                Expect.Octets(NextResponse, run.Leftover, "bytes left for the next response");
            });

        // §6.3 (3): "If a message is received with both a Transfer-Encoding and a Content-Length header field, the
        // Transfer-Encoding overrides the Content-Length."
        yield return new("9112-6.3-3-te-overrides-cl", "9112", "6.3", RequirementLevel.Must,
            "(3) Transfer-Encoding overrides Content-Length",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
                Expect.Completed(run, "TE and CL");
                Expect.Equal(Http1BodyFraming.Chunked, run.Head!.Framing, "framing");
                Expect.Octets("hello", run.Body, "body");
            });

        // §6.3 (3): "Such a message might indicate an attempt to perform request smuggling ... or response splitting
        // ... and ought to be handled as an error." "ought to" is advice, not a requirement.
        yield return new("9112-6.3-3-te-cl-close", "9112", "6.3", RequirementLevel.May,
            "(3) A response with both TE and CL is suspect (choice: read it, then close the connection)",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n");
                Expect.Completed(run, "TE and CL");
                Expect.True(!run.Head!.KeepAlive, "the connection is not reused");
            });

        // §6.3 (4): "If a Transfer-Encoding header field is present and the chunked transfer coding is the final
        // encoding, the message body length is determined by reading and decoding the chunked data".
        yield return new("9112-6.3-4-chunked-final", "9112", "6.3", RequirementLevel.Must,
            "(4) With chunked as the final coding, the body is read as chunked data",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + NextResponse, peerCloses: false);
                Expect.Completed(run, "gzip, chunked");
                Expect.Equal(Http1BodyFraming.Chunked, run.Head!.Framing, "framing");
                Expect.Octets("abc", run.Body, "body (still gzip-coded)");
                Expect.Octets(NextResponse, run.Leftover, "bytes left for the next response");
            });

        // §6.3 (4): "If a Transfer-Encoding header field is present in a response and the chunked transfer coding is
        // not the final encoding, the message body length is determined by reading the connection until it is closed".
        yield return new("9112-6.3-4-not-chunked", "9112", "6.3", RequirementLevel.Must,
            "(4) With a final coding other than chunked, the body runs until the close",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nabcdef");
                Expect.Completed(run, "gzip only");
                Expect.Equal(Http1BodyFraming.CloseDelimited, run.Head!.Framing, "framing");
                Expect.Octets("abcdef", run.Body, "body up to the close");
                Expect.True(!run.Head.KeepAlive, "the connection is not reused");
            });

        // Same rule when chunked appears but not last: the sender chunked first, then applied another coding, and
        // then must close the connection (RFC 9112 §6.1). Applying chunked twice is different (see 6.1 below).
        yield return new("9112-6.3-4-chunked-not-final", "9112", "6.3", RequirementLevel.Must,
            "(4) \"chunked, gzip\": chunked is not final, so the body runs until the close",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabcdef");
                Expect.Completed(run, "chunked, gzip");
                Expect.Equal(Http1BodyFraming.CloseDelimited, run.Head!.Framing, "framing");
                Expect.Octets("abcdef", run.Body, "body up to the close");
            });

        // §6.3 (8): "Otherwise, this is a response message without a declared message body length, so the message
        // body length is determined by the number of octets received prior to the server closing the connection."
        yield return new("9112-6.3-8-close-delimited", "9112", "6.3", RequirementLevel.Must,
            "(8) Without framing fields the body runs until the close",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nline 1\r\n\r\nHTTP/1.1 200 OK\r\n");
                Expect.Completed(run, "close-delimited body");
                Expect.Equal(Http1BodyFraming.CloseDelimited, run.Head!.Framing, "framing");
                Expect.Octets("line 1\r\n\r\nHTTP/1.1 200 OK\r\n", run.Body, "every octet up to the close is body");
            });

        // §6.1: "A recipient MUST be able to parse the chunked transfer coding"; transfer-coding names are
        // case-insensitive (§7).
        yield return new("9112-6.1-chunked-case-insensitive", "9112", "6.1", RequirementLevel.Must,
            "Transfer coding names are case-insensitive (\"Chunked\")",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
                Expect.Completed(run, "Chunked");
                Expect.Equal(Http1BodyFraming.Chunked, run.Head!.Framing, "framing");
            });

        // §6.1 with RFC 9110 §5.3: the codings of several Transfer-Encoding lines form one list, in order.
        yield return new("9112-6.1-te-several-lines", "9112", "6.1", RequirementLevel.Must,
            "Transfer-Encoding lines combine in order: the final coding is on the last line",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
                Expect.Completed(run, "two TE lines");
                Expect.Equal(Http1BodyFraming.Chunked, run.Head!.Framing, "framing");
                Expect.Octets("ok", run.Body, "body");
            });

        // §6.1: "A sender MUST NOT apply the chunked transfer coding more than once to a message body". What a
        // recipient does with such a message is not said.
        yield return new("9112-6.1-chunked-twice", "9112", "6.1", RequirementLevel.May,
            "A body chunked twice is refused (choice: InvalidTransferEncoding)",
            () => Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
                ProtocolError.InvalidTransferEncoding, "chunked, chunked"));

        // §6.1: "A server or client that receives an HTTP/1.0 message containing a Transfer-Encoding header field MUST
        // treat the message as if the framing is faulty, even if a Content-Length is present, and close the
        // connection after processing the message."
        yield return new("9112-6.1-te-in-http10", "9112", "6.1", RequirementLevel.Must,
            "Transfer-Encoding in an HTTP/1.0 response: framing faulty, connection closed after it",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
                Expect.Completed(run, "HTTP/1.0 chunked response");
                Expect.True(!run.Head!.KeepAlive, "the connection is closed after the message");
            });
    }
}
