using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>A valid response and the transcript decoding it must produce, whatever the split.</summary>
/// <param name="Name">A short name for test output.</param>
/// <param name="Method">The request method the response answers.</param>
/// <param name="Raw">The response; each char is one byte (Latin-1), so "\u00E9" is the byte 0xE9.</param>
/// <param name="Expected">The transcript (see <see cref="ResponseDriver"/>).</param>
internal sealed record ResponseFixture(string Name, string Method, string Raw, string Expected)
{
    public byte[] Bytes => Encoding.Latin1.GetBytes(Raw);

    /// <summary>Whether bytes after the response stay unconsumed (false when the body runs until the close).</summary>
    public bool EndsBeforeClose => !Expected.Contains("CloseDelimited", System.StringComparison.Ordinal);

    public override string ToString() => Name;
}

/// <summary>The valid responses every decoder test runs over, from RFC 9112 and the shapes real servers send.</summary>
internal static class ResponseFixtures
{
    public static readonly IReadOnlyList<ResponseFixture> All =
    [
        new("content-length", "GET",
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
            """
            head 200 "OK" 1.1 ContentLength(5) keep-alive
              Content-Type: text/plain
              Content-Length: 5
            body "hello"
            end body=5
            state Done
            """),
        new("content-length-zero", "GET",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "OK" 1.1 ContentLength(0) keep-alive
              Content-Length: 0
            end body=0
            state Done
            """),
        new("content-length-list-and-repeats", "GET",
            "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc",
            """
            head 200 "OK" 1.1 ContentLength(3) keep-alive
              Content-Length: 3, 3
              Content-Length: 3
            body "abc"
            end body=3
            state Done
            """),
        new("chunked", "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            """
            head 200 "OK" 1.1 Chunked keep-alive
              Transfer-Encoding: chunked
            body "hello world"
            end body=11
            state Done
            """),
        new("chunked-extensions-and-trailers", "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Expires, X-Checksum\r\n\r\n"
            + "4;name=value\r\nWiki\r\n5 ; foo=\"bar\"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0;last\r\nX-Checksum: abc\r\nExpires: never\r\n\r\n",
            """
            head 200 "OK" 1.1 Chunked keep-alive
              Transfer-Encoding: chunked
              Trailer: Expires, X-Checksum
            body "Wikipedia in\r\n\r\nchunks."
            trailers
              X-Checksum: abc
              Expires: never
            end body=23
            state Done
            """),
        new("chunked-hex-case-and-leading-zeros", "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n000A\r\n0123456789\r\nb\r\nabcdefghijk\r\n0000\r\n\r\n",
            """
            head 200 "OK" 1.1 Chunked keep-alive
              Transfer-Encoding: chunked
            body "0123456789abcdefghijk"
            end body=21
            state Done
            """),
        new("chunked-after-gzip", "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n\u001F\u008B\r\n0\r\n\r\n",
            """
            head 200 "OK" 1.1 Chunked keep-alive
              Transfer-Encoding: gzip
              Transfer-Encoding: chunked
            body "\x1F\x8B"
            end body=2
            state Done
            """),
        new("transfer-encoding-and-content-length", "GET",
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            """
            head 200 "OK" 1.1 Chunked close
              Content-Length: 100
              Transfer-Encoding: chunked
            body "abc"
            end body=3
            state Done
            """),
        new("http10-chunked", "GET",
            "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
            """
            head 200 "OK" 1.0 Chunked close
              Connection: keep-alive
              Transfer-Encoding: chunked
            body "x"
            end body=1
            state Done
            """),
        new("final-coding-not-chunked", "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw bytes",
            """
            head 200 "OK" 1.1 CloseDelimited close
              Transfer-Encoding: gzip
            body "raw bytes"
            end body=9
            state Done
            """),
        new("chunked-not-final", "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw bytes",
            """
            head 200 "OK" 1.1 CloseDelimited close
              Transfer-Encoding: chunked, gzip
            body "raw bytes"
            end body=9
            state Done
            """),
        new("invalid-status-below-100-is-final", "GET",
            "HTTP/1.1 099 Odd\r\nContent-Length: 2\r\n\r\nok",
            """
            head 99 "Odd" 1.1 ContentLength(2) keep-alive
              Content-Length: 2
            body "ok"
            end body=2
            state Done
            """),
        new("close-delimited", "GET",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>bye</html>",
            """
            head 200 "OK" 1.1 CloseDelimited close
              Content-Type: text/html
            body "<html>bye</html>"
            end body=16
            state Done
            """),
        new("http10-close-delimited", "GET",
            "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nold body",
            """
            head 200 "OK" 1.0 CloseDelimited close
              Server: old
            body "old body"
            end body=8
            state Done
            """),
        new("http10-keep-alive", "GET",
            "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi",
            """
            head 200 "OK" 1.0 ContentLength(2) keep-alive
              Connection: keep-alive
              Content-Length: 2
            body "hi"
            end body=2
            state Done
            """),
        new("http10-without-keep-alive", "GET",
            "HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\nnop",
            """
            head 404 "Not Found" 1.0 ContentLength(3) close
              Content-Length: 3
            body "nop"
            end body=3
            state Done
            """),
        new("connection-close-in-a-list", "GET",
            "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 2\r\n\r\nhi",
            """
            head 200 "OK" 1.1 ContentLength(2) close
              Connection: Keep-Alive, CLOSE
              Content-Length: 2
            body "hi"
            end body=2
            state Done
            """),
        new("response-to-head", "HEAD",
            "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/plain\r\n\r\n",
            """
            head 200 "OK" 1.1 None keep-alive
              Content-Length: 1234
              Content-Type: text/plain
            end body=0
            state Done
            """),
        new("no-content", "DELETE",
            "HTTP/1.1 204 No Content\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n",
            """
            head 204 "No Content" 1.1 None keep-alive
              Date: Mon, 01 Jan 2024 00:00:00 GMT
            end body=0
            state Done
            """),
        new("not-modified-ignores-transfer-encoding", "GET",
            "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nTransfer-Encoding: chunked\r\n\r\n",
            """
            head 304 "Not Modified" 1.1 None keep-alive
              ETag: "v1"
              Transfer-Encoding: chunked
            end body=0
            state Done
            """),
        new("continue-then-final", "POST",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
            """
            interim 100 "Continue" 1.1 None keep-alive
            head 200 "OK" 1.1 ContentLength(3) keep-alive
              Content-Length: 3
            body "abc"
            end body=3
            state Done
            """),
        new("early-hints-then-final", "GET",
            "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nLink: </style.css>; rel=preload\r\nContent-Length: 2\r\n\r\nok",
            """
            interim 103 "Early Hints" 1.1 None keep-alive
              Link: </style.css>; rel=preload
            head 200 "OK" 1.1 ContentLength(2) keep-alive
              Link: </style.css>; rel=preload
              Content-Length: 2
            body "ok"
            end body=2
            state Done
            """),
        new("several-interim-responses", "POST",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
            """
            interim 100 "Continue" 1.1 None keep-alive
            interim 102 "Processing" 1.1 None keep-alive
            head 404 "Not Found" 1.1 ContentLength(0) keep-alive
              Content-Length: 0
            end body=0
            state Done
            """),
        new("switching-protocols", "GET",
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
            """
            head 101 "Switching Protocols" 1.1 None close upgrade
              Upgrade: websocket
              Connection: Upgrade
              Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
            state Upgraded
            """),
        new("connect-tunnel", "CONNECT",
            "HTTP/1.1 200 Connection Established\r\n\r\n",
            """
            head 200 "Connection Established" 1.1 None close upgrade
            state Upgraded
            """),
        new("connect-refused-has-a-body", "CONNECT",
            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 4\r\n\r\ndeny",
            """
            head 407 "Proxy Authentication Required" 1.1 ContentLength(4) keep-alive
              Proxy-Authenticate: Basic realm="proxy"
              Content-Length: 4
            body "deny"
            end body=4
            state Done
            """),
        new("obsolete-line-folding", "GET",
            "HTTP/1.1 200 OK\r\nX-Folded: first\r\n  second \r\n\tthird\r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "OK" 1.1 ContentLength(0) keep-alive
              X-Folded: first second third
              Content-Length: 0
            end body=0
            state Done
            """),
        new("duplicate-set-cookie", "GET",
            "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2, c=3\r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "OK" 1.1 ContentLength(0) keep-alive
              Set-Cookie: a=1; Path=/
              Set-Cookie: b=2, c=3
              Content-Length: 0
            end body=0
            state Done
            """),
        new("status-without-reason", "GET",
            "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "" 1.1 ContentLength(0) keep-alive
              Content-Length: 0
            end body=0
            state Done
            """),
        new("status-with-empty-reason", "GET",
            "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "" 1.1 ContentLength(0) keep-alive
              Content-Length: 0
            end body=0
            state Done
            """),
        new("bare-lf-line-terminators", "GET",
            "HTTP/1.1 200 OK\nContent-Length: 2\nX-Trace: y\n\nok",
            """
            head 200 "OK" 1.1 ContentLength(2) keep-alive
              Content-Length: 2
              X-Trace: y
            body "ok"
            end body=2
            state Done
            """),
        new("empty-lines-before-status-line", "GET",
            "\r\n\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
            """
            head 200 "OK" 1.1 ContentLength(1) keep-alive
              Content-Length: 1
            body "x"
            end body=1
            state Done
            """),
        new("minor-version-above-one", "GET",
            "HTTP/1.7 200 OK\r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "OK" 1.1 ContentLength(0) keep-alive
              Content-Length: 0
            end body=0
            state Done
            """),
        new("custom-reason-names-and-encodings", "GET",
            "HTTP/1.1 200 Tout va tr\u00C3\u00A8s bien\r\nX-Utf8: Gr\u00C3\u00BC\u00C3\u009Fe\r\nX-Latin1: caf\u00E9\r\ncontent-type:text/plain\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n",
            """
            head 200 "Tout va très bien" 1.1 ContentLength(0) keep-alive
              X-Utf8: Grüße
              X-Latin1: café
              Content-Type: text/plain
              X-Empty:
              Content-Length: 0
            end body=0
            state Done
            """),
        new("whitespace-around-values", "GET",
            "HTTP/1.1 200 OK\r\nContent-Type: \t text/plain \t\r\nContent-Length:  1 \r\n\r\nz",
            """
            head 200 "OK" 1.1 ContentLength(1) keep-alive
              Content-Type: text/plain
              Content-Length: 1
            body "z"
            end body=1
            state Done
            """),
    ];

    public static TheoryData<string> Names => [.. All.Select(f => f.Name)];

    public static ResponseFixture Get(string name) => All.Single(f => f.Name == name);
}
