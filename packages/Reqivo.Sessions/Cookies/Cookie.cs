using System;

namespace Reqivo.Cookies;

/// <summary>
/// One cookie as the jar stores it (RFC 6265 §5.3): name, value and the scope and lifetime its attributes gave it.
/// Immutable; use <c>with</c> to derive a changed copy and <see cref="CookieJar.Add(Cookie)"/> to store it.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> shows the name and scope but not the value, which is often a credential.
/// </remarks>
public sealed record Cookie
{
    /// <summary>Creates a cookie for <paramref name="domain"/> with path <c>/</c> that expires with the session.</summary>
    /// <param name="name">The cookie name (not empty).</param>
    /// <param name="value">The cookie value (may be empty).</param>
    /// <param name="domain">The host or domain the cookie belongs to, lower-case, without a leading dot.</param>
    public Cookie(string name, string value, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        Name = name;
        Value = value;
        Domain = domain;
    }

    /// <summary>The cookie name; compared case-sensitively.</summary>
    public string Name { get; init; }

    /// <summary>The cookie value, exactly as received (quotes included).</summary>
    public string Value { get; init; }

    /// <summary>
    /// The host (when <see cref="HostOnly"/>) or the domain whose subdomains also receive the cookie; lower-case ASCII
    /// (punycode), without a leading dot.
    /// </summary>
    public string Domain { get; init; }

    /// <summary>The path the request path must match (RFC 6265 §5.1.4); <c>/</c> by default.</summary>
    public string Path { get; init; } = "/";

    /// <summary>When the cookie expires, or null for a session cookie (no <c>Expires</c> or <c>Max-Age</c>).</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Whether the cookie is sent over secure (https, wss) connections only.</summary>
    public bool Secure { get; init; }

    /// <summary>Whether the cookie was marked <c>HttpOnly</c> (hidden from non-HTTP APIs; a session sends it normally).</summary>
    public bool HttpOnly { get; init; }

    /// <summary>The <c>SameSite</c> attribute.</summary>
    public CookieSameSite SameSite { get; init; }

    /// <summary>
    /// True when the cookie came without a <c>Domain</c> attribute and goes back to exactly <see cref="Domain"/>;
    /// false when subdomains of <see cref="Domain"/> receive it too.
    /// </summary>
    public bool HostOnly { get; init; }

    /// <summary>When the cookie was first stored (kept when a newer cookie replaces it); orders the Cookie header.</summary>
    public DateTimeOffset CreationTime { get; init; }

    /// <summary>When the cookie was last stored or sent; the least recently used cookies are evicted first.</summary>
    public DateTimeOffset LastAccessTime { get; init; }

    /// <summary>Whether the cookie outlives the session (it has an expiry time).</summary>
    public bool IsPersistent => Expires is not null;

    /// <summary>The name and scope of the cookie, without its value.</summary>
    /// <returns>For example <c>sid (example.com/, secure)</c>.</returns>
    public override string ToString() =>
        $"{Name} ({(HostOnly ? "" : ".")}{Domain}{Path}{(Secure ? ", secure" : "")})";
}
