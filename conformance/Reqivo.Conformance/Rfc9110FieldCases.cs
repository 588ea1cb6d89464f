using System;
using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>RFC 9110 §5: field names and values, in the header collection the caller fills and as the decoder reads them.</summary>
internal static class Rfc9110FieldCases
{
    private const string Status = "HTTP/1.1 200 OK\r\n";
    private const string Tail = "Content-Length: 0\r\n\r\n";

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new("9110-5.1-case-insensitive", "9110", "5.1", RequirementLevel.Must,
            "Field names are compared case-insensitively",
            () =>
            {
                var headers = new HttpHeaders();
                headers.Add("Content-Type", "text/plain");
                Expect.True(headers.TryGetValue("content-TYPE", out string? value) && value == "text/plain", "lookup ignoring case");
            });

        yield return new("9110-5.1-name-token", "9110", "5.1", RequirementLevel.Must,
            "A field name is a token: a name with a space or colon is refused",
            () =>
            {
                Expect.Throws<ArgumentException>(() => new HttpHeaders().Add("Bad Name", "x"), "space in name");
                Expect.Throws<ArgumentException>(() => new HttpHeaders().Add("Bad:Name", "x"), "colon in name");
            });

        yield return new("9110-5.5-no-crlf-nul", "9110", "5.5", RequirementLevel.Must,
            "Field values with CR, LF or NUL are refused before any byte is produced",
            () =>
            {
                foreach (string value in new[] { "a\rb", "a\nb", "a\0b" })
                {
                    Expect.Throws<ArgumentException>(() => new HttpHeaders().Add("X-Test", value), "control in value");
                }
            });

        yield return new("9110-5.3-order-kept", "9110", "5.3", RequirementLevel.Must,
            "The order of field lines with the same name is preserved",
            () =>
            {
                var headers = new HttpHeaders();
                headers.Add("Set-Cookie", "a=1");
                headers.Add("Set-Cookie", "b=2");
                var values = headers.GetValues("set-cookie");
                Expect.Equal(2, values.Count, "number of Set-Cookie lines");
                Expect.Equal("a=1", values[0], "first Set-Cookie");
                Expect.Equal("b=2", values[1], "second Set-Cookie");
            });

        yield return new("9110-5.1-decoder-case-insensitive", "9110", "5.1", RequirementLevel.Must,
            "Received field names are matched case-insensitively, framing fields included",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\ncontent-LENGTH: 2\r\nCONNECTION: CLOSE\r\n\r\nok");
                Expect.Completed(run, "framing fields in odd case");
                Expect.Equal(2L, run.Head!.ContentLength, "Content-Length found");
                Expect.Octets("ok", run.Body, "body");
                Expect.True(!run.Head.KeepAlive, "Connection: close found");
                Expect.True(run.Head.Headers.TryGetValue("Content-Length", out _), "lookup in canonical case");
            });

        // §5.1: field-name = token; §5.6.2: token = 1*tchar.
        yield return new("9110-5.1-decoder-name-token", "9110", "5.1", RequirementLevel.Must,
            "A received field name that is not a token is invalid",
            () =>
            {
                foreach (string name in new[] { "X Y", "X(y)", "X\"y\"", "X/y", "X\u00E9" })
                {
                    Expect.Rejected(ResponseRun.Decode(Status + name + ": 1\r\n" + Tail), ProtocolError.InvalidFieldName, $"name \"{Wire.Escape(name)}\"");
                }
            });

        yield return new("9110-5.6.2-every-tchar", "9110", "5.6.2", RequirementLevel.Must,
            "Every tchar is allowed in a field name, sent or received",
            () =>
            {
                const string name = "!#$%&'*+-.^_`|~09AZaz";
                var headers = new HttpHeaders();
                headers.Add(name, "1");
                var run = ResponseRun.Decode(Status + name + ": 1\r\n" + Tail);
                Expect.Completed(run, "field name of every tchar");
                Expect.Values(run.Head!.Headers, name, ["1"], "received field");
            });

        // §5.2: "A recipient MAY combine multiple field lines within a field section that have the same field name
        // into one field line ... separated by a comma".
        yield return new("9110-5.2-combine-on-request", "9110", "5.2", RequirementLevel.May,
            "Same-name field lines may be combined with \", \" (choice: kept apart, combined on request)",
            () =>
            {
                var run = ResponseRun.Decode(Status + "Cache-Control: no-cache\r\nX-A: 1\r\ncache-control: no-store\r\n" + Tail);
                Expect.Completed(run, "repeated field");
                Expect.Values(run.Head!.Headers, "Cache-Control", ["no-cache", "no-store"], "lines kept apart");
                Expect.Octets("no-cache, no-store", run.Head.Headers.GetCombinedValue("Cache-Control") ?? "(null)", "combined value");
            });

        // §5.3: "the order in which field lines with the same name are received is therefore significant"; and
        // Set-Cookie, which cannot be combined, must stay as separate lines.
        yield return new("9110-5.3-decoder-order", "9110", "5.3", RequirementLevel.Must,
            "Received field lines keep their order, and Set-Cookie lines stay separate",
            () =>
            {
                var run = ResponseRun.Decode(Status + "Set-Cookie: a=1; Expires=Wed, 09 Jun 2021 10:18:14 GMT\r\nX-A: 1\r\nSet-Cookie: b=2\r\n" + Tail);
                Expect.Completed(run, "two Set-Cookie lines");
                Expect.Values(run.Head!.Headers, "Set-Cookie", ["a=1; Expires=Wed, 09 Jun 2021 10:18:14 GMT", "b=2"], "Set-Cookie lines");
                Expect.Octets("Set-Cookie X-A Set-Cookie Content-Length", string.Join(" ", NamesOf(run.Head.Headers)), "field order");
            });

        yield return new("9110-5.3-writer-order", "9110", "5.3", RequirementLevel.Must,
            "Request field lines are written in the order added, same-name lines included",
            () =>
            {
                var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
                head.Headers.Add("Accept", "a/b");
                head.Headers.Add("X-A", "1");
                head.Headers.Add("Accept", "c/d");
                Expect.Octets("GET / HTTP/1.1\r\nHost: example.com\r\nAccept: a/b\r\nX-A: 1\r\nAccept: c/d\r\n\r\n", Wire.Write(head), "request head");
            });

        // §5.5: "a recipient of CR, LF, or NUL within a field value MUST either reject the message or replace each of
        // those characters with SP". CR and LF end or break the line (RFC 9112 §2.2); NUL is checked here.
        yield return new("9110-5.5-decoder-nul", "9110", "5.5", RequirementLevel.Must,
            "A received field value holding NUL is rejected (choice: reject, not replace)",
            () => Expect.Rejected(ResponseRun.Decode(Status + "X-A: a\u0000b\r\n" + Tail), ProtocolError.InvalidFieldValue, "NUL in a value"));

        // §5.5: "Field values containing other CTL characters are also invalid; however, recipients MAY retain such
        // characters for the sake of robustness when they appear within a safe context".
        yield return new("9110-5.5-decoder-other-ctl", "9110", "5.5", RequirementLevel.May,
            "A received field value holding another CTL is rejected (choice: reject, never retain)",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode(Status + "X-A: a\u0001b\r\n" + Tail), ProtocolError.InvalidFieldValue, "SOH in a value");
                Expect.Rejected(ResponseRun.Decode(Status + "X-A: a\u007Fb\r\n" + Tail), ProtocolError.InvalidFieldValue, "DEL in a value");
            });

        // §5.5: "a recipient SHOULD treat other octets in field content (obs-text) as opaque data".
        yield return new("9110-5.5-obs-text-opaque", "9110", "5.5", RequirementLevel.Should,
            "obs-text in a field value is accepted and kept octet for octet",
            () =>
            {
                var run = ResponseRun.Decode(Status + "X-A: caf\u00E9 \u00FF\r\n" + Tail);
                Expect.Completed(run, "Latin-1 octets in a value");
                Expect.Values(run.Head!.Headers, "X-A", ["caf\u00E9 \u00FF"], "value, one char per octet");
            });

        // §5.5: field-value = *field-content; whitespace inside the value is part of it.
        yield return new("9110-5.5-inner-whitespace", "9110", "5.5", RequirementLevel.Must,
            "Whitespace inside a field value is kept as received",
            () =>
            {
                var run = ResponseRun.Decode(Status + "X-A: a  \t b\r\n" + Tail);
                Expect.Completed(run, "value with inner whitespace");
                Expect.Values(run.Head!.Headers, "X-A", ["a  \t b"], "value");
            });

        // §5.6.4: quoted-string and quoted-pair are for the field's own parser; the codec hands them over unaltered.
        yield return new("9110-5.6.4-quoted-string-verbatim", "9110", "5.6.4", RequirementLevel.Must,
            "Quoted strings (with quoted-pairs and commas) are not rewritten or split",
            () =>
            {
                const string value = "attachment; filename=\"a, \\\"b\\\".txt\", x=\"\"";
                var run = ResponseRun.Decode(Status + "Content-Disposition: " + value + "\r\n" + Tail);
                Expect.Completed(run, "quoted-string value");
                Expect.Values(run.Head!.Headers, "Content-Disposition", [value], "received value");

                var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
                head.Headers.Add("X-Q", value);
                Expect.True(Wire.Write(head).Contains("\r\nX-Q: " + value + "\r\n", StringComparison.Ordinal), "written value");
            });

        // §5.4: "A client MAY discard or truncate received field lines that are larger than the client wishes to
        // process if the field semantics are such that the dropped value(s) can be safely ignored".
        yield return new("9110-5.4-field-section-limit", "9110", "5.4", RequirementLevel.May,
            "An oversized header section is refused (choice: LimitExceeded, never truncate)",
            () =>
            {
                var limits = new Http1Limits { MaxHeaderBytes = 64 };
                Expect.Completed(ResponseRun.Decode(Status + "X-A: " + new string('a', 20) + "\r\n" + Tail, limits: limits), "section under the limit");
                Expect.Rejected(ResponseRun.Decode(Status + "X-A: " + new string('a', 60) + "\r\n" + Tail, limits: limits),
                    ProtocolError.LimitExceeded, "section over the limit");
            });
    }

    private static IEnumerable<string> NamesOf(HttpHeaders headers)
    {
        foreach (HttpField field in headers)
        {
            yield return field.Name;
        }
    }
}
