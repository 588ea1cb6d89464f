using System;
using System.Collections.Generic;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 9112 §3 (request line), §3.2 (request target and Host) and §3.2.1-§3.2.4 (the four target forms), with the
/// RFC 9110 rules on methods (§9), Host (§7.2) and http URIs (§4.2), as <see cref="Http1RequestWriter"/> applies them.
/// </summary>
internal static class Rfc9112RequestCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // §3: request-line = method SP request-target SP HTTP-version, then CRLF.
        yield return new("9112-3-request-line", "9112", "3", RequirementLevel.Must,
            "The request line is method SP target SP HTTP/1.1 CRLF",
            () => Expect.Octets("DELETE /items/7?force=1 HTTP/1.1\r\nHost: api.example\r\n\r\n",
                Wire.Write(new Http1RequestHead("DELETE", RequestTarget.Origin("/items/7?force=1"), "api.example")), "request head"));

        // RFC 9110 §9.1: "The method token is case-sensitive".
        yield return new("9110-9.1-method-case", "9110", "9.1", RequirementLevel.Must,
            "The method is sent exactly as given, never case-folded",
            () =>
            {
                Expect.Octets("get / HTTP/1.1\r\nHost: a\r\n\r\n", Wire.Write(new Http1RequestHead("get", RequestTarget.Origin("/"), "a")), "lowercase method");
                Expect.Octets("PROPFIND / HTTP/1.1\r\nHost: a\r\n\r\n", Wire.Write(new Http1RequestHead("PROPFIND", RequestTarget.Origin("/"), "a")), "extension method");
            });

        // RFC 9110 §9.1: method = token.
        yield return new("9110-9.1-method-token", "9110", "9.1", RequirementLevel.Must,
            "A method that is not a token is refused",
            () =>
            {
                foreach (string method in new[] { "GE T", "GET\r\n", "", "G(ET)" })
                {
                    Expect.Throws<ArgumentException>(() => new Http1RequestHead(method, RequestTarget.Origin("/"), "a"), $"method \"{Wire.Escape(method)}\"");
                }
            });

        // §3.2: "A client MUST send a Host header field (Section 7.2 of [HTTP]) in all HTTP/1.1 request messages."
        // RFC 9110 §7.2: "A user agent that sends Host SHOULD send it as the first field in the header section".
        yield return new("9112-3.2-host-sent", "9112", "3.2", RequirementLevel.Must,
            "Every request carries exactly one Host field",
            () =>
            {
                var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com:8080");
                head.Headers.Add("Accept", "*/*");
                string written = Wire.Write(head);
                Expect.Equal(1, written.Split("\r\nHost: ").Length - 1, $"Host lines in \"{Wire.Escape(written)}\"");
                head.Headers.Add("host", "other.example");
                Expect.Throws<ArgumentException>(() => Wire.Write(head), "a second Host added to the fields");
            });

        yield return new("9110-7.2-host-first", "9110", "7.2", RequirementLevel.Should,
            "Host is the first field of the request",
            () =>
            {
                var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
                head.Headers.Add("User-Agent", "conformance");
                string written = Wire.Write(head);
                Expect.True(written.StartsWith("GET / HTTP/1.1\r\nHost: example.com\r\n", StringComparison.Ordinal), $"head \"{Wire.Escape(written)}\"");
            });

        // §3.2: "If the authority component is missing or undefined for the target URI, then a client MUST send a Host
        // header field with an empty field value."
        yield return new("9112-3.2-host-empty", "9112", "3.2", RequirementLevel.Must,
            "Without an authority, Host is sent with an empty value",
            () => Expect.Octets("GET / HTTP/1.1\r\nHost: \r\n\r\n", Wire.Write(new Http1RequestHead("GET", RequestTarget.Origin("/"), string.Empty)), "request head"));

        // §3.2: "If the target URI includes an authority component, then a client MUST send a field value for Host
        // that is identical to that authority component, excluding any userinfo subcomponent".
        yield return new("9112-3.2-host-is-authority", "9112", "3.2", RequirementLevel.Must,
            "Host is identical to the authority of an absolute-form or authority-form target",
            () =>
            {
                var proxied = new Http1RequestHead("GET", RequestTarget.Absolute("http://example.com:8080/a?b"));
                Expect.Octets("example.com:8080", proxied.Host, "Host of an absolute-form target");
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("GET", RequestTarget.Absolute("http://example.com:8080/a"), "example.com"), "Host without the port");
                Expect.Throws<ArgumentException>(() => proxied.Host = "other.example:8080", "Host changed to another authority");
            });

        // §3.2: request-target has no whitespace; RFC 9110 §4.2: a target URI carries no fragment.
        yield return new("9112-3.2-target-characters", "9112", "3.2", RequirementLevel.Must,
            "A target with whitespace, controls, a fragment or raw non-ASCII is refused",
            () =>
            {
                foreach (string target in new[] { "/a b", "/a\tb", "/a\r\nX-Injected: 1", "/a#frag", "/caf\u00E9" })
                {
                    Expect.Throws<ArgumentException>(() => RequestTarget.Origin(target), $"target \"{Wire.Escape(target)}\"");
                }
            });

        // §3.2.1: "a client MUST send only the absolute path and query components of the target URI as the
        // request-target. If the target URI's path component is empty, the client MUST send "/" as the path".
        yield return new("9112-3.2.1-origin-form", "9112", "3.2.1", RequirementLevel.Must,
            "origin-form is the path and query only; fragment and authority are left out",
            () => Expect.Octets("/a/b%20c?q=1&r", RequestTarget.FromUri(new Uri("http://user@example.com:81/a/b%20c?q=1&r#frag")).Value, "target of a full URI"));

        yield return new("9112-3.2.1-empty-path", "9112", "3.2.1", RequirementLevel.Must,
            "An empty path is sent as \"/\"",
            () =>
            {
                Expect.Octets("/", RequestTarget.FromUri(new Uri("http://example.com")).Value, "no path");
                Expect.Octets("/?q=1", RequestTarget.FromUri(new Uri("http://example.com?q=1")).Value, "query without path");
                Expect.Throws<ArgumentException>(() => RequestTarget.Origin("a/b"), "origin-form without the leading /");
            });

        // §3.2.2: "When making a request to a proxy, other than a CONNECT or server-wide OPTIONS request, a client MUST
        // send the target URI in absolute-form as the request-target." "A client MUST send a Host header field in an
        // HTTP/1.1 request even if the request-target is in the absolute-form".
        yield return new("9112-3.2.2-absolute-form", "9112", "3.2.2", RequirementLevel.Must,
            "absolute-form puts the whole URI on the request line, and Host is still sent",
            () => Expect.Octets("GET http://example.com:8080/a?b HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
                Wire.Write(new Http1RequestHead("GET", RequestTarget.Absolute("http://example.com:8080/a?b"))), "request head"));

        // RFC 9110 §4.2.4: "A sender MUST NOT generate the userinfo subcomponent (and its "@" delimiter) when an
        // "http" or "https" URI reference is generated within a message as a target URI or field value."
        yield return new("9110-4.2.4-no-userinfo", "9110", "4.2.4", RequirementLevel.Must,
            "userinfo is never sent in a target or in Host",
            () =>
            {
                Expect.Throws<ArgumentException>(() => RequestTarget.Absolute("http://user:secret@example.com/"), "absolute-form with userinfo");
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("GET", RequestTarget.Origin("/"), "user@example.com"), "Host with userinfo");
            });

        // §3.2.3: "The authority-form of request-target is only used for CONNECT requests." "a client MUST send only
        // the host and port of the tunnel destination as the request-target."
        yield return new("9112-3.2.3-authority-form", "9112", "3.2.3", RequirementLevel.Must,
            "CONNECT sends host:port as the target, with Host equal to it",
            () =>
            {
                Expect.Octets("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
                    Wire.Write(new Http1RequestHead("CONNECT", RequestTarget.Authority("example.com", 443))), "CONNECT head");
                Expect.Octets("[2001:db8::1]:8443", RequestTarget.Authority("2001:db8::1", 8443).Value, "IPv6 host is bracketed");
            });

        yield return new("9112-3.2.3-authority-only-connect", "9112", "3.2.3", RequirementLevel.Must,
            "authority-form is used for CONNECT and only for CONNECT",
            () =>
            {
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("GET", RequestTarget.Authority("example.com", 443)), "GET with authority-form");
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("CONNECT", RequestTarget.Origin("/"), "example.com:443"), "CONNECT with origin-form");
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("CONNECT", RequestTarget.Absolute("http://example.com:443/")), "CONNECT with absolute-form");
            });

        // §3.2.4: "The asterisk-form of request-target is only used for a server-wide OPTIONS request".
        yield return new("9112-3.2.4-asterisk-form", "9112", "3.2.4", RequirementLevel.Must,
            "A server-wide OPTIONS request is sent as OPTIONS * HTTP/1.1",
            () => Expect.Octets("OPTIONS * HTTP/1.1\r\nHost: example.com\r\n\r\n",
                Wire.Write(new Http1RequestHead("OPTIONS", RequestTarget.Asterisk, "example.com")), "OPTIONS head"));

        yield return new("9112-3.2.4-asterisk-only-options", "9112", "3.2.4", RequirementLevel.Must,
            "asterisk-form is refused for any method but OPTIONS",
            () =>
            {
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("GET", RequestTarget.Asterisk, "example.com"), "GET *");
                Expect.Throws<ArgumentException>(() => new Http1RequestHead("options", RequestTarget.Asterisk, "example.com"), "lowercase options * (methods are case-sensitive)");
            });

        // RFC 9110 §9.3.8: "A client MUST NOT send content in a TRACE request."
        yield return new("9110-9.3.8-trace-no-content", "9110", "9.3.8", RequirementLevel.Must,
            "A TRACE request cannot be given content",
            () =>
            {
                var head = new Http1RequestHead("TRACE", RequestTarget.Origin("/"), "example.com");
                Expect.Throws<ArgumentException>(() => head.Framing = RequestFraming.ContentLength(1), "TRACE with Content-Length");
                Expect.Throws<ArgumentException>(() => head.Framing = RequestFraming.Chunked, "TRACE chunked");
            });
    }
}
