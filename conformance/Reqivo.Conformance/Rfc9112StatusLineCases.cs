using System.Collections.Generic;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>RFC 9112 §4 (status line) and RFC 9110 §15 (status codes).</summary>
internal static class Rfc9112StatusLineCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // §4: status-line = HTTP-version SP status-code SP [ reason-phrase ].
        yield return new("9112-4-status-line", "9112", "4", RequirementLevel.Must,
            "Version, status code and reason phrase are read from the status line",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "404 response");
                Expect.Equal(404, run.Head!.StatusCode, "status code");
                Expect.Octets("Not Found", run.Head.ReasonPhrase, "reason phrase");
            });

        // §4: status-code = 3DIGIT.
        yield return new("9112-4-three-digits", "9112", "4", RequirementLevel.Must,
            "The status code is exactly three digits",
            () =>
            {
                foreach (string line in new[] { "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 2x0 OK", "HTTP/1.1 +20 OK", "HTTP/1.1 OK" })
                {
                    Expect.Rejected(ResponseRun.Decode(line + "\r\nContent-Length: 0\r\n\r\n"),
                        ProtocolError.InvalidStatusCode, $"\"{line}\"");
                }
            });

        // §4: the reason-phrase is optional, and "HTTP/1.1 200 " (SP, then nothing) is the grammar's form of that.
        yield return new("9112-4-reason-empty", "9112", "4", RequirementLevel.Must,
            "An empty reason phrase after the SP is accepted",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "status line ending in SP");
                Expect.Octets(string.Empty, run.Head!.ReasonPhrase, "reason phrase");
            });

        // §4: a server "MUST send the space ... even when the reason-phrase is absent", but recipients "MAY instead
        // parse on whitespace-delimited word boundaries": a missing final SP is tolerated.
        yield return new("9112-4-reason-absent", "9112", "4", RequirementLevel.May,
            "A status line without the SP after the code is tolerated (choice: accept)",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "status line ending after the code");
                Expect.Equal(200, run.Head!.StatusCode, "status code");
            });

        // §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ).
        yield return new("9112-4-reason-text", "9112", "4", RequirementLevel.Must,
            "A reason phrase of SP, HTAB, VCHAR and obs-text is kept as sent",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 All  is\twell \u00E9\r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "reason with spaces, a tab and obs-text");
                Expect.Octets("All  is\twell \u00E9", run.Head!.ReasonPhrase, "reason phrase");
            });

        yield return new("9112-4-reason-controls", "9112", "4", RequirementLevel.Must,
            "A reason phrase holding a control octet is invalid",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 O\u0000K\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.InvalidStatusLine, "NUL in the reason phrase");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 O\u007FK\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.InvalidStatusLine, "DEL in the reason phrase");
            });

        // §4: "A client SHOULD ignore the reason-phrase content".
        yield return new("9112-4-reason-ignored", "9112", "4", RequirementLevel.Should,
            "The reason phrase does not change how the response is read",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 No Content\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "200 with a misleading reason");
                Expect.Equal(200, run.Head!.StatusCode, "status code");
                Expect.Octets("ok", run.Body, "the body is read as for any 200");
            });

        // §4: recipients "MAY instead parse on whitespace-delimited word boundaries"; lenient parsing is where
        // response splitting hides, so we keep to the grammar.
        yield return new("9112-4-single-sp", "9112", "4", RequirementLevel.May,
            "Status line elements are separated by exactly one SP (choice: strict)",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.InvalidStatusCode, "two SPs after the version");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1\t200 OK\r\nContent-Length: 0\r\n\r\n"),
                    ProtocolError.InvalidStatusLine, "HTAB after the version");
            });

        // RFC 9110 §15: "a client MUST understand the class of any status code, as indicated by the first digit, and
        // treat an unrecognized status code as being equivalent to the x00 status code of that class".
        yield return new("9110-15-unknown-code-class", "9110", "15", RequirementLevel.Must,
            "An unrecognised status code is handled by its class (299 as 200)",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 299 Whatever\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "299 response");
                Expect.Equal(299, run.Head!.StatusCode, "status code kept");
                Expect.Octets("ok", run.Body, "body read as for a 200");
            });

        yield return new("9110-15-unknown-1xx", "9110", "15", RequirementLevel.Must,
            "An unrecognised 1xx is an interim response like 100",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 199 Odd\r\nX-A: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                Expect.Completed(run, "199 then 200");
                Expect.Equal(1, run.InterimHeads.Count, "interim responses");
                Expect.Equal(199, run.InterimHeads[0].StatusCode, "interim status code");
                Expect.Equal(200, run.Head!.StatusCode, "final status code");
            });

        // RFC 9110 §15: "Values outside the range 100..599 are invalid. ... A client that receives a response with
        // an invalid status code SHOULD process the response as if it had a 5xx (Server Error) status code." The
        // codec reads such a response as a final one and reports the code; mapping it to 5xx is the caller's.
        yield return new("9110-15-invalid-6xx-9xx", "9110", "15", RequirementLevel.Should,
            "A response with a status code of 600-999 is still read as a final response",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 600 Library Error\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "600 response");
                Expect.Equal(600, run.Head!.StatusCode, "status code kept");
                Expect.Octets("ok", run.Body, "body");
            });

        // Same rule for 000-099, which 3DIGIT allows but the range does not.
        yield return new("9110-15-invalid-0xx", "9110", "15", RequirementLevel.Should,
            "A response with a status code of 000-099 is still read as a final response",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 099 Odd\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "099 response");
                Expect.Equal(99, run.Head!.StatusCode, "status code kept");
            });

        // RFC 9110 §15.2: "A client MUST be able to parse one or more 1xx responses received prior to a final
        // response, even if the client does not expect one."
        yield return new("9110-15.2-several-1xx", "9110", "15.2", RequirementLevel.Must,
            "One or more 1xx responses before the final response are parsed",
            () =>
            {
                var run = ResponseRun.Decode(
                    "HTTP/1.1 100 Continue\r\n\r\n" +
                    "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" +
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                Expect.Completed(run, "100, 103, 200");
                Expect.Equal(2, run.InterimHeads.Count, "interim responses");
                Expect.Equal(100, run.InterimHeads[0].StatusCode, "first interim");
                Expect.Equal(103, run.InterimHeads[1].StatusCode, "second interim");
                Expect.Values(run.InterimHeads[1].Headers, "Link", ["</a.css>; rel=preload"], "103 fields");
                Expect.True(!run.Head!.Headers.Contains("Link"), "interim fields are not merged into the final head");
                Expect.Octets("ok", run.Body, "final body");
            });

        // RFC 9110 §15.2 requires "one or more"; how many before giving up is the client's call.
        yield return new("9110-15.2-1xx-bounded", "9110", "15.2", RequirementLevel.May,
            "The number of 1xx responses is bounded (choice: MaxInterimResponses, default 16)",
            () =>
            {
                var limits = new Http1Limits { MaxInterimResponses = 2 };
                string interim = "HTTP/1.1 100 Continue\r\n\r\n";
                Expect.Completed(ResponseRun.Decode(interim + interim + "HTTP/1.1 204 No Content\r\n\r\n", limits: limits), "two interim responses");
                Expect.Rejected(ResponseRun.Decode(interim + interim + interim + "HTTP/1.1 204 No Content\r\n\r\n", limits: limits),
                    ProtocolError.LimitExceeded, "three interim responses");
            });
    }
}
