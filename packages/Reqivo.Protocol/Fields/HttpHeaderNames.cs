namespace Reqivo.Protocol;

/// <summary>Canonical spellings of the field names the codec and the layers above it know about.</summary>
public static class HttpHeaderNames
{
    /// <summary><c>Accept</c>.</summary>
    public const string Accept = "Accept";

    /// <summary><c>Accept-Encoding</c>.</summary>
    public const string AcceptEncoding = "Accept-Encoding";

    /// <summary><c>Accept-Ranges</c>.</summary>
    public const string AcceptRanges = "Accept-Ranges";

    /// <summary><c>Age</c>.</summary>
    public const string Age = "Age";

    /// <summary><c>Authorization</c>.</summary>
    public const string Authorization = "Authorization";

    /// <summary><c>Cache-Control</c>.</summary>
    public const string CacheControl = "Cache-Control";

    /// <summary><c>Connection</c>.</summary>
    public const string Connection = "Connection";

    /// <summary><c>Content-Disposition</c>.</summary>
    public const string ContentDisposition = "Content-Disposition";

    /// <summary><c>Content-Encoding</c>.</summary>
    public const string ContentEncoding = "Content-Encoding";

    /// <summary><c>Content-Length</c>.</summary>
    public const string ContentLength = "Content-Length";

    /// <summary><c>Content-Type</c>.</summary>
    public const string ContentType = "Content-Type";

    /// <summary><c>Cookie</c>.</summary>
    public const string Cookie = "Cookie";

    /// <summary><c>Date</c>.</summary>
    public const string Date = "Date";

    /// <summary><c>ETag</c>.</summary>
    public const string ETag = "ETag";

    /// <summary><c>Expect</c>.</summary>
    public const string Expect = "Expect";

    /// <summary><c>Expires</c>.</summary>
    public const string Expires = "Expires";

    /// <summary><c>Host</c>.</summary>
    public const string Host = "Host";

    /// <summary><c>Keep-Alive</c>.</summary>
    public const string KeepAlive = "Keep-Alive";

    /// <summary><c>Last-Modified</c>.</summary>
    public const string LastModified = "Last-Modified";

    /// <summary><c>Link</c>.</summary>
    public const string Link = "Link";

    /// <summary><c>Location</c>.</summary>
    public const string Location = "Location";

    /// <summary><c>Proxy-Authenticate</c>.</summary>
    public const string ProxyAuthenticate = "Proxy-Authenticate";

    /// <summary><c>Proxy-Authorization</c>.</summary>
    public const string ProxyAuthorization = "Proxy-Authorization";

    /// <summary><c>Retry-After</c>.</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary><c>Server</c>.</summary>
    public const string Server = "Server";

    /// <summary><c>Set-Cookie</c>.</summary>
    public const string SetCookie = "Set-Cookie";

    /// <summary><c>TE</c>.</summary>
    public const string TE = "TE";

    /// <summary><c>Trailer</c>.</summary>
    public const string Trailer = "Trailer";

    /// <summary><c>Transfer-Encoding</c>.</summary>
    public const string TransferEncoding = "Transfer-Encoding";

    /// <summary><c>Upgrade</c>.</summary>
    public const string Upgrade = "Upgrade";

    /// <summary><c>User-Agent</c>.</summary>
    public const string UserAgent = "User-Agent";

    /// <summary><c>Vary</c>.</summary>
    public const string Vary = "Vary";

    /// <summary><c>Via</c>.</summary>
    public const string Via = "Via";

    /// <summary><c>WWW-Authenticate</c>.</summary>
    public const string WwwAuthenticate = "WWW-Authenticate";

    /// <summary><c>Sec-WebSocket-Accept</c>.</summary>
    public const string SecWebSocketAccept = "Sec-WebSocket-Accept";

    /// <summary><c>Sec-WebSocket-Extensions</c>.</summary>
    public const string SecWebSocketExtensions = "Sec-WebSocket-Extensions";

    /// <summary><c>Sec-WebSocket-Key</c>.</summary>
    public const string SecWebSocketKey = "Sec-WebSocket-Key";

    /// <summary><c>Sec-WebSocket-Protocol</c>.</summary>
    public const string SecWebSocketProtocol = "Sec-WebSocket-Protocol";

    /// <summary><c>Sec-WebSocket-Version</c>.</summary>
    public const string SecWebSocketVersion = "Sec-WebSocket-Version";
}
