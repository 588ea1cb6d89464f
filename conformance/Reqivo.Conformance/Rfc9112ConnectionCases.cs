using System.Collections.Generic;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 9112 §9.3 (persistence) and §9.6 (tear-down), with RFC 9110 §7.6.1 (Connection): whether the decoder says a
/// connection may carry another request after the response (<c>Http1ResponseHead.KeepAlive</c>).
/// </summary>
internal static class Rfc9112ConnectionCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // §9.3: "HTTP/1.1 defaults to the use of "persistent connections" ... HTTP implementations SHOULD support
        // persistent connections." and "If the received protocol is HTTP/1.1 (or later), the connection will persist
        // after the current response".
        yield return new("9112-9.3-http11-persists", "9112", "9.3", RequirementLevel.Should,
            "An HTTP/1.1 response without \"close\" leaves the connection reusable",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", peerCloses: false);
                Expect.Completed(run, "HTTP/1.1 response");
                Expect.True(run.Head!.KeepAlive, "keep-alive");
            });

        // §9.6: "A client that receives a "close" connection option MUST cease sending requests on that connection and
        // close the connection after reading the response message containing the "close" connection option".
        yield return new("9112-9.6-close", "9112", "9.6", RequirementLevel.Must,
            "A response with the \"close\" connection option ends the connection",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", peerCloses: false);
                Expect.Completed(run, "response with Connection: close");
                Expect.True(!run.Head!.KeepAlive, "not reusable");
            });

        // RFC 9110 §7.6.1: Connection = #connection-option, and "Connection options are case-insensitive."
        yield return new("9110-7.6.1-close-in-list", "9110", "7.6.1", RequirementLevel.Must,
            "\"close\" is found in any case, in a list, on any Connection line",
            () =>
            {
                foreach (string fields in new[] { "Connection: Keep-Alive, CLOSE\r\n", "Connection: upgrade\r\nconnection: Close\r\n", "Connection: ,close,\r\n" })
                {
                    var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\n" + fields + "Content-Length: 0\r\n\r\n", peerCloses: false);
                    Expect.Completed(run, Wire.Escape(fields));
                    Expect.True(!run.Head!.KeepAlive, $"not reusable with {Wire.Escape(fields)}");
                }
            });

        // RFC 9110 §7.6.1: connection options are tokens; an option merely containing "close" is another option.
        yield return new("9110-7.6.1-option-token", "9110", "7.6.1", RequirementLevel.Must,
            "Only the whole \"close\" token closes; \"closed\" or \"x-close\" do not",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nConnection: closed, x-close\r\nContent-Length: 0\r\n\r\n", peerCloses: false);
                Expect.Completed(run, "look-alike options");
                Expect.True(run.Head!.KeepAlive, "still reusable");
            });

        // §9.3: "else, If the received protocol is HTTP/1.0, the "keep-alive" connection option is present, ... and
        // the recipient wishes to honor the HTTP/1.0 "keep-alive" mechanism, the connection will persist".
        yield return new("9112-9.3-http10-keep-alive", "9112", "9.3", RequirementLevel.May,
            "HTTP/1.0 with the \"keep-alive\" option persists (choice: honour it)",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", peerCloses: false);
                Expect.Completed(run, "HTTP/1.0 keep-alive response");
                Expect.True(run.Head!.KeepAlive, "reusable");
            });

        // §9.3: "otherwise, The connection will close after the current response."
        yield return new("9112-9.3-http10-default-close", "9112", "9.3", RequirementLevel.Must,
            "HTTP/1.0 without \"keep-alive\" closes after the response",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", peerCloses: false);
                Expect.Completed(run, "HTTP/1.0 response");
                Expect.True(!run.Head!.KeepAlive, "not reusable");
            });

        // §9.3: "In order to remain persistent, all messages on a connection need to have a self-defined message
        // length (i.e., one not defined by closure of the connection)".
        yield return new("9112-9.3-self-defined-length", "9112", "9.3", RequirementLevel.Must,
            "A close-delimited response never leaves the connection reusable",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nbody");
                Expect.Completed(run, "close-delimited response");
                Expect.True(!run.Head!.KeepAlive, "not reusable");
            });

        // §9.3 with §6.3: on a persistent connection each response starts right where the previous one ended.
        yield return new("9112-9.3-responses-in-sequence", "9112", "9.3", RequirementLevel.Must,
            "Responses on one connection are read one after another, each from where the last ended",
            () =>
            {
                var first = ResponseRun.Decode(
                    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none" +
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n" +
                    "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n" +
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nfour",
                    peerCloses: false);
                var second = first.Next(peerCloses: false);
                var third = second.Next("HEAD", peerCloses: false);
                var fourth = third.Next(peerCloses: false);
                Expect.Octets("one", first.Body, "first body");
                Expect.Octets("two", second.Body, "second body");
                Expect.Octets(string.Empty, third.Body, "third body (HEAD)");
                Expect.Completed(fourth, "fourth response");
                Expect.Equal(404, fourth.Head!.StatusCode, "fourth status");
                Expect.Octets("four", fourth.Body, "fourth body");
            });

        // RFC 9110 §7.8 / §15.2.2: after 101 the connection belongs to the new protocol, not to HTTP/1.1.
        yield return new("9110-15.2.2-101-not-reusable", "9110", "15.2.2", RequirementLevel.Must,
            "After 101 the connection carries no further HTTP/1.1 response",
            () =>
            {
                var run = ResponseRun.Decode("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", peerCloses: false);
                Expect.True(run.Head is { IsUpgrade: true, KeepAlive: false }, $"upgrade, not reusable ({run})");
                Expect.Throws<System.InvalidOperationException>(() => run.Decoder.BeginResponse("GET"), "another response after the switch");
            });
    }
}
