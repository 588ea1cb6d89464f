using System.Collections.Generic;
using System.Net;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>RFC 9112 §2.2 (message parsing) and §2.3 (HTTP version), with RFC 9110 §2.5 (version numbers).</summary>
internal static class Rfc9112MessageCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // §2.2: "A recipient of such a bare CR MUST consider that element to be invalid or replace each bare CR
        // with SP". The decoder takes the first choice.
        yield return new("9112-2.2-bare-cr-field", "9112", "2.2", RequirementLevel.Must,
            "A bare CR in a field line makes it invalid (choice: reject, not replace)",
            () => Expect.Rejected(
                ResponseRun.Decode("HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n"),
                ProtocolError.BareCarriageReturn, "CR inside a field value"));

        yield return new("9112-2.2-bare-cr-start-line", "9112", "2.2", RequirementLevel.Must,
            "A bare CR in the status line makes it invalid",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.BareCarriageReturn, "CR CR LF ending the status line");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200\rOK\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.BareCarriageReturn, "CR between status code and reason");
            });

        // §2.2: "a recipient MAY recognize a single LF as a line terminator and ignore any preceding CR".
        yield return new("9112-2.2-lf-terminator", "9112", "2.2", RequirementLevel.May,
            "A bare LF ends the status line and field lines (choice: accept)",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\nContent-Length: 2\nX-A: 1\n\nok");
                Expect.Completed(run, "LF-only head");
                Expect.Equal(200, run.Head!.StatusCode, "status code");
                Expect.Values(run.Head.Headers, "X-A", ["1"], "field after an LF-terminated line");
                Expect.Octets("ok", run.Body, "body");
            });

        // §2.2 asks servers to ignore at least one empty line before a request-line; for a client it is a choice.
        yield return new("9112-2.2-leading-empty-lines", "9112", "2.2", RequirementLevel.May,
            "Empty lines before the status line are ignored (choice: ignore, bounded by MaxStatusLineLength)",
            () =>
            {
                var run = ResponseRun.Decode("\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
                Expect.Completed(run, "two CRLFs before the status line");
                Expect.Equal(204, run.Head!.StatusCode, "status code");
            });

        // §2.2: "A recipient that receives whitespace between the start-line and the first header field MUST either
        // reject the message as invalid or consume each whitespace-preceded line without further processing of it".
        yield return new("9112-2.2-whitespace-after-start-line", "9112", "2.2", RequirementLevel.Must,
            "Whitespace before the first field line is rejected or ignored (choice: reject)",
            () => Expect.Rejected(
                ResponseRun.Decode("HTTP/1.1 200 OK\r\n Content-Length: 5\r\nContent-Length: 0\r\n\r\n"),
                ProtocolError.InvalidLineFolding, "SP-led line right after the status line"));

        // §2.2: "A recipient MUST parse an HTTP message as a sequence of octets in an encoding that is a superset of
        // US-ASCII"; only the octet LF ends a line, whatever the surrounding octets would mean as characters.
        yield return new("9112-2.2-octets-not-characters", "9112", "2.2", RequirementLevel.Must,
            "The message is parsed as octets: only 0x0A ends a line",
            () =>
            {
                // C0 8A is an overlong UTF-8 encoding of LF; E2 80 A8 is U+2028 LINE SEPARATOR; 85 is NEL in Latin-1.
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nX-A: a\u00C0\u008Ab\r\nX-B: c\u00E2\u0080\u00A8d\u0085e\r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "field values holding line-break look-alikes");
                Expect.Equal(3, run.Head!.Headers.Count, "number of field lines");
                Expect.True(run.Head.Headers.Contains("X-B"), "the field after the look-alike is its own line");
            });

        // §2.3: HTTP-version = HTTP-name "/" DIGIT "." DIGIT, and HTTP-name = %s"HTTP" (case-sensitive).
        yield return new("9112-2.3-name-case-sensitive", "9112", "2.3", RequirementLevel.Must,
            "HTTP-name is case-sensitive: \"http/1.1\" is not a status line",
            () => Expect.Rejected(ResponseRun.Decode("http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                ProtocolError.InvalidStatusLine, "lowercase HTTP-name"));

        yield return new("9112-2.3-single-digits", "9112", "2.3", RequirementLevel.Must,
            "Major and minor versions are single digits",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode("HTTP/1.10 200 OK\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.InvalidStatusLine, "two-digit minor version");
                Expect.Rejected(ResponseRun.Decode("HTTP/1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.InvalidStatusLine, "no minor version");
            });

        yield return new("9112-2.3-http10", "9112", "2.3", RequirementLevel.Must,
            "An HTTP/1.0 response is recognised as version 1.0",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "HTTP/1.0 response");
                Expect.Equal(HttpVersion.Version10, run.Head!.Version, "version");
            });

        // RFC 9110 §2.5: a recipient of a higher minor version "SHOULD process the message as if it were in the
        // highest minor version within that major version to which the recipient is conformant".
        yield return new("9110-2.5-higher-minor", "9110", "2.5", RequirementLevel.Should,
            "HTTP/1.2 is processed as HTTP/1.1",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "HTTP/1.2 response");
                Expect.Equal(HttpVersion.Version11, run.Head!.Version, "version");
                Expect.True(run.Head.KeepAlive, "HTTP/1.1 persistence applies");
            });

        // RFC 9110 §2.5: the major version indicates the messaging syntax; an HTTP/1.1 parser cannot read another.
        yield return new("9110-2.5-other-major", "9110", "2.5", RequirementLevel.May,
            "A response in another major version is refused (choice: UnsupportedVersion)",
            () => Expect.Rejected(ResponseRun.Decode("HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
                ProtocolError.UnsupportedVersion, "HTTP/2.0 status line"));

        // §2.3: "A client SHOULD send a request version equal to the highest version to which the client is
        // conformant and whose major version is no higher than the highest version supported by the server".
        yield return new("9112-2.3-request-version", "9112", "2.3", RequirementLevel.Should,
            "Requests are sent as HTTP/1.1",
            () =>
            {
                string head = Wire.Write(new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com"));
                Expect.True(head.StartsWith("GET / HTTP/1.1\r\n", System.StringComparison.Ordinal), $"request line of \"{Wire.Escape(head)}\"");
            });
    }
}
