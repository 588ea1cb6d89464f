namespace Reqivo.Protocol.Http1;

/// <summary>The four forms a request-target takes on the request line (RFC 9112 §3.2).</summary>
public enum RequestTargetForm
{
    /// <summary>
    /// <c>absolute-path [ "?" query ]</c>, for example <c>/a/b?x=1</c>: the form sent to an origin server
    /// (RFC 9112 §3.2.1).
    /// </summary>
    Origin,

    /// <summary>
    /// A whole <c>absolute-URI</c>, for example <c>http://example.com:8080/a?b</c>: the form sent to a
    /// forward proxy (RFC 9112 §3.2.2).
    /// </summary>
    Absolute,

    /// <summary><c>uri-host ":" port</c>, for example <c>example.com:443</c>: only for CONNECT (RFC 9112 §3.2.3).</summary>
    Authority,

    /// <summary><c>*</c>: only for a server-wide OPTIONS request (RFC 9112 §3.2.4).</summary>
    Asterisk,
}
