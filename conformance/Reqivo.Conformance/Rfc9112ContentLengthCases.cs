using System;
using System.Collections.Generic;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>
/// Content-Length: RFC 9112 §6.2 and §6.3 rules (5) and (6) on the response side, RFC 9110 §8.6 on both sides, and
/// RFC 9112 §8 (incomplete messages).
/// </summary>
internal static class Rfc9112ContentLengthCases
{
    private const string NextResponse = "HTTP/1.1 204 No Content\r\n\r\n";

    public static IEnumerable<ConformanceCase> All()
    {
        // §6.3 (6): "If a valid Content-Length header field is present without Transfer-Encoding, its decimal value
        // defines the expected message body length in octets."
        yield return new("9112-6.3-6-exact-length", "9112", "6.3", RequirementLevel.Must,
            "(6) Content-Length gives the body length; the octets after it are the next response's",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello" + NextResponse, peerCloses: false);
                Expect.Completed(run, "Content-Length body");
                Expect.Octets("hello", run.Body, "body");
                Expect.Octets(NextResponse, run.Leftover, "bytes left for the next response");
                Expect.Completed(run.Next(peerCloses: false), "the next response on the connection");
            });

        // §6.2: Content-Length = 1*DIGIT, so leading zeros are digits like any other.
        yield return new("9112-6.2-leading-zeros", "9112", "6.2", RequirementLevel.Must,
            "Content-Length with leading zeros is a valid decimal",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 0003\r\n\r\nabc");
                Expect.Completed(run, "Content-Length: 0003");
                Expect.Equal(3L, run.Head!.ContentLength, "length");
            });

        // §6.3 (5): "If a message is received without Transfer-Encoding and with an invalid Content-Length header
        // field, then the message framing is invalid and the recipient MUST treat it as an unrecoverable error".
        yield return new("9112-6.3-5-invalid-cl", "9112", "6.3", RequirementLevel.Must,
            "(5) An invalid Content-Length is an unrecoverable error",
            () =>
            {
                foreach (string value in new[] { "abc", "-1", "+5", "5 5", "0x10", "5.0", "1e3", "" })
                {
                    Expect.Rejected(ResponseRun.Decode($"HTTP/1.1 200 OK\r\nContent-Length: {value}\r\n\r\nhello"),
                        ProtocolError.InvalidContentLength, $"Content-Length: \"{value}\"");
                }
            });

        // §6.3 (5): the list exception holds only when "all values in the list are the same".
        yield return new("9112-6.3-5-conflicting-cl", "9112", "6.3", RequirementLevel.Must,
            "(5) Differing Content-Length values are an unrecoverable error",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!"),
                    ProtocolError.InvalidContentLength, "one line, two values");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                    ProtocolError.InvalidContentLength, "two lines");
            });

        // §6.3 (5): "If it is in a response message received by a user agent, the user agent MUST close the connection
        // to the server and discard the received response."
        yield return new("9112-6.3-5-unrecoverable", "9112", "6.3", RequirementLevel.Must,
            "(5) After an invalid Content-Length the connection carries no further response",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\nhello" + NextResponse, peerCloses: false);
                Expect.Rejected(run, ProtocolError.InvalidContentLength, "Content-Length: 1x");
                Expect.True(run.Head is null, "no response head is handed out");
                Expect.Equal(Http1DecoderState.Failed, run.Decoder.State, "decoder state");
                Expect.Throws<InvalidOperationException>(() => run.Decoder.BeginResponse("GET"), "another response on the connection");
            });

        // RFC 9110 §8.6: "a recipient of a Content-Length header field value consisting of the same decimal value
        // repeated as a comma-separated list (e.g, "Content-Length: 42, 42") MAY either reject the message as invalid
        // or replace that invalid field value with a single instance of the decimal value".
        yield return new("9110-8.6-repeated-same-value", "9110", "8.6", RequirementLevel.May,
            "A Content-Length repeating one value is accepted as that value (choice: accept)",
            () =>
            {
                var list = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello");
                Expect.Completed(list, "Content-Length: 5, 5");
                Expect.Equal(5L, list.Head!.ContentLength, "length from the list");
                var lines = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
                Expect.Completed(lines, "two Content-Length: 5 lines");
                Expect.Octets("hello", lines.Body, "body");
            });

        // RFC 9110 §8.6: "a recipient MUST anticipate potentially large decimal numerals and prevent parsing errors
        // due to integer conversion overflows or precision loss due to integer representation".
        yield return new("9110-8.6-large-values", "9110", "8.6", RequirementLevel.Must,
            "Large Content-Length values are read exactly or refused, never wrapped",
            () =>
            {
                var largest = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\nabc");
                Expect.True(largest.Head is { ContentLength: long.MaxValue }, $"2^63-1 read exactly ({largest})");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\nabc"),
                    ProtocolError.InvalidContentLength, "2^63");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551621\r\n\r\nabc"),
                    ProtocolError.InvalidContentLength, "2^64 + 5, which wraps to 5");
            });

        // §6.3 (6): "If the sender closes the connection or the recipient times out before the indicated number of
        // octets are received, the recipient MUST consider the message to be incomplete and close the connection."
        yield return new("9112-6.3-6-short-body", "9112", "6.3", RequirementLevel.Must,
            "(6) A close before Content-Length octets arrive leaves the message incomplete",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello");
                Expect.Rejected(run, ProtocolError.IncompleteMessage, "5 of 10 octets, then close");
                Expect.Equal(Http1DecoderState.Failed, run.Decoder.State, "decoder state");
            });

        // §8: "A client that receives an incomplete response message ... MUST record the message as incomplete."
        yield return new("9112-8-incomplete-head", "9112", "8", RequirementLevel.Must,
            "A close inside the header section leaves the response incomplete",
            () =>
            {
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"), ProtocolError.IncompleteMessage, "close before the empty line");
                Expect.Rejected(ResponseRun.Decode("HTTP/1.1 20"), ProtocolError.IncompleteMessage, "close inside the status line");
            });

        // §8: "A message body that uses the chunked transfer coding is incomplete if the zero-sized chunk that
        // terminates the encoding has not been received."
        yield return new("9112-8-incomplete-chunked", "9112", "8", RequirementLevel.Must,
            "A close before the last chunk leaves the response incomplete",
            () =>
            {
                string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
                Expect.Rejected(ResponseRun.Decode(head + "5\r\nhello\r\n"), ProtocolError.IncompleteMessage, "close after a chunk");
                Expect.Rejected(ResponseRun.Decode(head + "5\r\nhel"), ProtocolError.IncompleteMessage, "close inside a chunk");
                Expect.Rejected(ResponseRun.Decode(head + "5\r\nhello\r\n0\r\n"), ProtocolError.IncompleteMessage, "close before the end of the trailer section");
            });

        // §8: "A response that has neither chunked transfer coding nor Content-Length is terminated by closure of
        // the connection and, if the header section was received intact, is considered complete".
        yield return new("9112-8-close-delimited-complete", "9112", "8", RequirementLevel.Must,
            "A close-delimited response is complete at the close",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\n\r\n");
                Expect.Completed(run, "empty close-delimited body");
                Expect.Equal(Http1DecoderState.Done, run.Decoder.State, "decoder state");
            });

        // RFC 9110 §8.6: "A user agent SHOULD send Content-Length in a request when the method defines a meaning for
        // enclosed content and it is not sending Transfer-Encoding. For example, a user agent normally sends
        // Content-Length in a POST request even when the value is 0".
        yield return new("9110-8.6-request-length", "9110", "8.6", RequirementLevel.Should,
            "A request body of known length, even 0, is sent with Content-Length",
            () =>
            {
                var head = new Http1RequestHead("POST", RequestTarget.Origin("/form"), "example.com")
                {
                    Framing = RequestFraming.ForBody(0, hasBody: true),
                };
                Expect.Octets("POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n", Wire.Write(head), "POST with empty content");
                head.Framing = RequestFraming.ForBody(1234, hasBody: true);
                Expect.True(Wire.Write(head).Contains("\r\nContent-Length: 1234\r\n", StringComparison.Ordinal), "POST with 1234 octets");
            });

        // RFC 9110 §8.6: "A user agent SHOULD NOT send a Content-Length header field when the request message does not
        // contain content and the method semantics do not anticipate such data."
        yield return new("9110-8.6-no-length-without-content", "9110", "8.6", RequirementLevel.Should,
            "A request without content carries no Content-Length",
            () =>
            {
                var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com")
                {
                    Framing = RequestFraming.ForBody(null, hasBody: false),
                };
                Expect.Octets("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", Wire.Write(head), "GET without content");
            });

        // §6.3: "A user agent that sends a request that contains a message body MUST send either a valid
        // Content-Length header field or use the chunked transfer coding."
        yield return new("9112-6.3-request-body-framed", "9112", "6.3", RequirementLevel.Must,
            "A request body of unknown length is sent chunked",
            () =>
            {
                var head = new Http1RequestHead("PUT", RequestTarget.Origin("/x"), "example.com")
                {
                    Framing = RequestFraming.ForBody(null, hasBody: true),
                };
                Expect.Octets("PUT /x HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n", Wire.Write(head), "PUT of unknown length");
            });

        // §6.2: "A sender MUST NOT send a Content-Length header field in any message that contains a
        // Transfer-Encoding header field." The writer alone emits framing fields, one of them at most.
        yield return new("9112-6.2-no-cl-with-te", "9112", "6.2", RequirementLevel.Must,
            "A request never carries both Content-Length and Transfer-Encoding",
            () =>
            {
                var head = new Http1RequestHead("PUT", RequestTarget.Origin("/x"), "example.com") { Framing = RequestFraming.Chunked };
                head.Headers.Add("Content-Length", "5");
                Expect.Throws<ArgumentException>(() => Wire.Write(head), "Content-Length added to a chunked request");
                head.Headers.Remove("Content-Length");
                head.Headers.Add("Transfer-Encoding", "chunked");
                head.Framing = RequestFraming.ContentLength(5);
                Expect.Throws<ArgumentException>(() => Wire.Write(head), "Transfer-Encoding added to a Content-Length request");
            });
    }
}
