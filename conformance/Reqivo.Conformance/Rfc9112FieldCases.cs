using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>RFC 9112 §5 (field syntax), §5.1 (field line parsing) and §5.2 (obsolete line folding).</summary>
internal static class Rfc9112FieldCases
{
    private const string Status = "HTTP/1.1 200 OK\r\n";
    private const string Tail = "Content-Length: 0\r\n\r\n";

    public static IEnumerable<ConformanceCase> All()
    {
        // §5.1: "OWS occurring before the first non-whitespace octet of the field line value, or after the last
        // non-whitespace octet of the field line value, is excluded by parsers when extracting the field line value".
        yield return new("9112-5.1-ows-trimmed", "9112", "5.1", RequirementLevel.Must,
            "Leading and trailing OWS is not part of the field value",
            () =>
            {
                var run = ResponseRun.Decode(Status + "X-A: \t a b \t \r\nX-B:c\r\n" + Tail);
                Expect.Completed(run, "fields with and without OWS");
                Expect.Values(run.Head!.Headers, "X-A", ["a b"], "OWS around the value");
                Expect.Values(run.Head.Headers, "X-B", ["c"], "no OWS at all");
            });

        // §5: field-line = field-name ":" OWS field-value OWS, and field-value = *field-content.
        yield return new("9112-5-empty-value", "9112", "5", RequirementLevel.Must,
            "A field line with an empty value is valid",
            () =>
            {
                var run = ResponseRun.Decode(Status + "X-Empty:\r\nX-Blank:   \r\n" + Tail);
                Expect.Completed(run, "empty values");
                Expect.Values(run.Head!.Headers, "X-Empty", [string.Empty], "nothing after the colon");
                Expect.Values(run.Head.Headers, "X-Blank", [string.Empty], "only OWS after the colon");
            });

        // §5.1: "No whitespace is allowed between the field name and colon." Servers MUST reject such a request and
        // proxies MUST remove the whitespace from a response; a user agent has the same reason to refuse it.
        yield return new("9112-5.1-no-space-before-colon", "9112", "5.1", RequirementLevel.Must,
            "Whitespace between field name and colon is rejected (choice: reject, not strip)",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode(Status + "Content-Length : 5\r\n\r\nhello"),
                    ProtocolError.InvalidFieldLine, "SP before the colon");
                Expect.Rejected(ResponseRun.Decode(Status + "Transfer-Encoding\t: chunked\r\n" + Tail),
                    ProtocolError.InvalidFieldLine, "HTAB before the colon");
            });

        yield return new("9112-5-colon-required", "9112", "5", RequirementLevel.Must,
            "A field line without a colon is invalid",
            () => Expect.Rejected(ResponseRun.Decode(Status + "X-A value\r\n" + Tail),
                ProtocolError.InvalidFieldLine, "no colon"));

        yield return new("9112-5-name-required", "9112", "5", RequirementLevel.Must,
            "A field line with an empty name is invalid",
            () => Expect.Rejected(ResponseRun.Decode(Status + ": value\r\n" + Tail),
                ProtocolError.InvalidFieldName, "colon first"));

        // §5.2: "A user agent that receives an obs-fold in a response message that is not within a "message/http"
        // container MUST replace each received obs-fold with one or more SP octets prior to interpreting the field
        // value."
        yield return new("9112-5.2-obs-fold-sp", "9112", "5.2", RequirementLevel.Must,
            "Obsolete line folding in a response is replaced by SP",
            () =>
            {
                var run = ResponseRun.Decode(Status + "X-Folded: a\r\n   b\r\n\tc\r\nX-Next: d\r\n" + Tail);
                Expect.Completed(run, "folded field");
                Expect.Values(run.Head!.Headers, "X-Folded", ["a b c"], "folded value");
                Expect.Values(run.Head.Headers, "X-Next", ["d"], "the field after the fold");
            });

        // §5.2: the obs-fold replaced by SP belongs to the field being folded, including framing fields.
        yield return new("9112-5.2-obs-fold-framing", "9112", "5.2", RequirementLevel.Must,
            "A folded framing field is interpreted after the fold is replaced",
            () =>
            {
                var run = ResponseRun.Decode(Status + "Transfer-Encoding: gzip,\r\n chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
                Expect.Completed(run, "folded Transfer-Encoding");
                Expect.Equal(Http1BodyFraming.Chunked, run.Head!.Framing, "chunked is the final coding");
                Expect.Octets("ok", run.Body, "body");
            });

        // §5.2: "A sender MUST NOT generate a message that includes line folding". Field values cannot hold CR or LF,
        // so a request head is always one line per field, "name: value".
        yield return new("9112-5.2-writer-no-fold", "9112", "5.2", RequirementLevel.Must,
            "Request field lines are written unfolded as \"name: value\" CRLF",
            () =>
            {
                var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
                head.Headers.Add("Accept", "text/plain,\t text/html");
                Expect.Octets("GET / HTTP/1.1\r\nHost: example.com\r\nAccept: text/plain,\t text/html\r\n\r\n", Wire.Write(head), "request head");
                Expect.Throws<System.ArgumentException>(() => head.Headers.Add("X-A", "a\r\n b"), "a folded value");
            });
    }
}
