using System;
using System.Collections.Frozen;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// The fields a sender must not put in a trailer section. RFC 9110 §6.5.1 forbids trailer fields whose
/// evaluation is needed before the content is received — those describing message framing, routing,
/// authentication, request modifiers, response controls or content format — and RFC 7230 §4.1.2, which it
/// replaces, named them; that list is kept here, plus the connection-level fields of RFC 9110 §7.6.1 and
/// <c>Cookie</c>/<c>Set-Cookie</c> (state and credentials, RFC 6265 §4).
/// </summary>
/// <remarks>
/// It is a denylist: a field not listed may still be one whose definition does not allow trailers, and the
/// caller, who knows the field, is responsible for that (RFC 9110 §6.5.1: a sender MUST NOT generate a
/// trailer field unless it knows the definition permits it).
/// </remarks>
internal static class TrailerFieldRules
{
    private static readonly FrozenSet<string> Forbidden = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        [
            // Message framing (RFC 9112 §6, RFC 9110 §6.6.2).
            HttpHeaderNames.TransferEncoding, HttpHeaderNames.ContentLength, HttpHeaderNames.Trailer,

            // Routing and connection management (RFC 9110 §7.2, §7.6.1, §7.6.2, §7.8, §10.1.4).
            HttpHeaderNames.Host, HttpHeaderNames.Connection, HttpHeaderNames.KeepAlive, "Proxy-Connection",
            HttpHeaderNames.Upgrade, HttpHeaderNames.TE, "Max-Forwards",

            // Request modifiers: controls and conditionals (RFC 9110 §10.1, §13.1, §14.2; RFC 9111 §5.2, §5.4).
            HttpHeaderNames.CacheControl, HttpHeaderNames.Expect, "Pragma", "Range",
            "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range",

            // Authentication (RFC 9110 §11) and cookies (RFC 6265 §4).
            HttpHeaderNames.Authorization, HttpHeaderNames.ProxyAuthorization,
            HttpHeaderNames.WwwAuthenticate, HttpHeaderNames.ProxyAuthenticate,
            HttpHeaderNames.Cookie, HttpHeaderNames.SetCookie,

            // Response control data (RFC 9110 §6.6.1, §10.2; RFC 9111 §5.1, §5.3, §5.5).
            HttpHeaderNames.Age, HttpHeaderNames.Date, HttpHeaderNames.Expires, HttpHeaderNames.Location,
            HttpHeaderNames.RetryAfter, HttpHeaderNames.Vary, "Warning",

            // How to process the content (RFC 9110 §8.3, §8.4, §14.4).
            HttpHeaderNames.ContentType, HttpHeaderNames.ContentEncoding, "Content-Range",
        ]);

    /// <summary>Whether a field named <paramref name="name"/> must never be sent as a trailer field.</summary>
    public static bool IsForbidden(string name) => Forbidden.Contains(name);
}
