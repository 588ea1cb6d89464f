using System;
using System.Globalization;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// The request-target of a request line (RFC 9112 §3.2) in one of its four forms, validated when it is
/// created so that writing it can neither split the request line nor inject another request.
/// </summary>
/// <remarks>
/// Every form holds visible ASCII only, never SP, a control character, DEL or <c>'#'</c>; non-ASCII
/// characters must already be percent-encoded (RFC 3986 §2.1). A violation throws an
/// <see cref="ArgumentException"/> that names the problem. <c>default(RequestTarget)</c> has an empty
/// <see cref="Value"/> and is refused by <see cref="Http1RequestHead"/>.
/// </remarks>
public readonly struct RequestTarget : IEquatable<RequestTarget>
{
    private readonly string? _value;

    private RequestTarget(RequestTargetForm form, string value)
    {
        Form = form;
        _value = value;
    }

    /// <summary>The server-wide target <c>*</c>, for <c>OPTIONS * HTTP/1.1</c> (RFC 9112 §3.2.4).</summary>
    public static RequestTarget Asterisk => new(RequestTargetForm.Asterisk, "*");

    /// <summary>Which of the four forms this target takes.</summary>
    public RequestTargetForm Form { get; }

    /// <summary>The target exactly as it is written on the request line.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default(RequestTarget)</c>, which no factory returns.</summary>
    internal bool IsDefault => _value is null;

    /// <summary>
    /// The authority a client must repeat in the Host field (RFC 9112 §3.2): the whole value for
    /// authority-form, the part between <c>//</c> and the path for absolute-form, empty otherwise.
    /// </summary>
    internal ReadOnlySpan<char> AuthorityComponent => Form switch
    {
        RequestTargetForm.Authority => Value,
        RequestTargetForm.Absolute => AbsoluteAuthority(Value),
        _ => [],
    };

    /// <summary>Creates an origin-form target (RFC 9112 §3.2.1), the form sent to an origin server.</summary>
    /// <param name="pathAndQuery">An absolute path and optional query, for example <c>/a/b?x=1</c>; it must start with <c>/</c>.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException">The value does not start with <c>/</c> or holds a character a target may not hold.</exception>
    public static RequestTarget Origin(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);

        // RFC 9112 §3.2.1: origin-form = absolute-path [ "?" query ], and absolute-path = 1*( "/" segment ).
        if (pathAndQuery.Length == 0 || pathAndQuery[0] != '/')
        {
            throw new ArgumentException(
                $"The origin-form target '{FieldSyntax.Printable(pathAndQuery)}' must start with '/' (RFC 9112 §3.2.1); use \"/\" for an empty path.",
                nameof(pathAndQuery));
        }

        RequestTargetSyntax.ValidateCharacters(pathAndQuery, nameof(pathAndQuery));
        return new RequestTarget(RequestTargetForm.Origin, pathAndQuery);
    }

    /// <summary>Creates an absolute-form target (RFC 9112 §3.2.2), the form sent to a forward proxy.</summary>
    /// <param name="absoluteUri">An <c>http</c> or <c>https</c> URI with a host, for example <c>http://example.com:8080/a?b</c>, without userinfo or fragment.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException">The value is not such a URI or holds a character a target may not hold.</exception>
    public static RequestTarget Absolute(string absoluteUri)
    {
        ArgumentNullException.ThrowIfNull(absoluteUri);
        RequestTargetSyntax.ValidateCharacters(absoluteUri, nameof(absoluteUri));

        int colon = absoluteUri.IndexOf(':', StringComparison.Ordinal);
        string scheme = colon < 0 ? string.Empty : absoluteUri[..colon];
        if (!IsHttpScheme(scheme) || !absoluteUri.AsSpan(colon + 1).StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The absolute-form target '{FieldSyntax.Printable(absoluteUri)}' must be an http or https URI of the form scheme://authority[/path][?query] (RFC 9112 §3.2.2, RFC 9110 §4.2).",
                nameof(absoluteUri));
        }

        ReadOnlySpan<char> authority = AbsoluteAuthority(absoluteUri);

        // RFC 9110 §4.2.4: a sender MUST NOT generate the userinfo subcomponent in an http(s) target URI.
        if (authority.Contains('@'))
        {
            throw new ArgumentException(
                $"The absolute-form target '{FieldSyntax.Printable(absoluteUri)}' holds userinfo ('@'), which must never be sent (RFC 9110 §4.2.4); send credentials in a header field instead.",
                nameof(absoluteUri));
        }

        // RFC 9110 §4.2.1: a sender MUST NOT generate an http URI with an empty host identifier.
        if (!AuthoritySyntax.IsHostAndOptionalPort(authority))
        {
            throw new ArgumentException(
                $"The absolute-form target '{FieldSyntax.Printable(absoluteUri)}' has no valid host [ \":\" port ] after '//' (RFC 9110 §4.2.1).",
                nameof(absoluteUri));
        }

        return new RequestTarget(RequestTargetForm.Absolute, absoluteUri);
    }

    /// <summary>Creates an authority-form target (RFC 9112 §3.2.3), used only by CONNECT.</summary>
    /// <param name="host">A host name, IPv4 address or IPv6 address; an IPv6 address is bracketed if it is not already (<c>::1</c> becomes <c>[::1]</c>).</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <returns>The target <c>host:port</c>.</returns>
    /// <exception cref="ArgumentException">The host is empty or not a valid host.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 1 to 65535.</exception>
    public static RequestTarget Authority(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, (int)ushort.MaxValue);

        string uriHost;
        if (host.StartsWith('[') && host.EndsWith(']') && AuthoritySyntax.IsIPv6Literal(host.AsSpan(1, host.Length - 2)))
        {
            uriHost = host;
        }
        else if (AuthoritySyntax.IsIPv6Literal(host))
        {
            // RFC 3986 §3.2.2: an IPv6 address in an authority is enclosed in brackets.
            uriHost = string.Concat("[", host, "]");
        }
        else if (AuthoritySyntax.IsRegName(host))
        {
            uriHost = host;
        }
        else
        {
            throw new ArgumentException(
                $"'{FieldSyntax.Printable(host)}' is not a valid host for an authority-form target (RFC 9112 §3.2.3): expected a name, IPv4 or IPv6 address in ASCII.",
                nameof(host));
        }

        return new RequestTarget(RequestTargetForm.Authority, string.Concat(uriHost, ":", port.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Creates the origin-form target of an absolute <c>http</c>, <c>https</c>, <c>ws</c> or <c>wss</c> URI:
    /// its escaped path and query, never its fragment, with an empty path sent as <c>/</c> (RFC 9112 §3.2.1).
    /// </summary>
    /// <param name="uri">An absolute URI.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException">The URI is relative or has another scheme.</exception>
    public static RequestTarget FromUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || !(IsHttpScheme(uri.Scheme) || IsWebSocketScheme(uri.Scheme)))
        {
            throw new ArgumentException(
                $"'{FieldSyntax.Printable(uri.OriginalString)}' is not an absolute http, https, ws or wss URI.",
                nameof(uri));
        }

        // Uri.PathAndQuery is already percent-encoded and excludes the fragment; for these four schemes Uri reports an
        // empty path as "/", so it always starts with "/" as origin-form requires.
        return Origin(uri.PathAndQuery);
    }

    /// <summary>Whether two targets have the same form and the same value (compared ordinally).</summary>
    /// <param name="left">The first target.</param>
    /// <param name="right">The second target.</param>
    public static bool operator ==(RequestTarget left, RequestTarget right) => left.Equals(right);

    /// <summary>Whether two targets differ in form or value.</summary>
    /// <param name="left">The first target.</param>
    /// <param name="right">The second target.</param>
    public static bool operator !=(RequestTarget left, RequestTarget right) => !left.Equals(right);

    /// <summary>Whether <paramref name="other"/> has the same form and the same value (compared ordinally).</summary>
    /// <param name="other">The target to compare with.</param>
    public bool Equals(RequestTarget other) =>
        Form == other.Form && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RequestTarget other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Form, _value);

    /// <summary>The target as written on the request line.</summary>
    public override string ToString() => Value;

    private static bool IsHttpScheme(string scheme) =>
        scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);

    private static bool IsWebSocketScheme(string scheme) =>
        scheme.Equals("ws", StringComparison.OrdinalIgnoreCase) || scheme.Equals("wss", StringComparison.OrdinalIgnoreCase);

    // The authority of "scheme://authority[/path][?query]": from after "//" to the first '/' or '?'.
    private static ReadOnlySpan<char> AbsoluteAuthority(string absoluteUri)
    {
        int start = absoluteUri.IndexOf("//", StringComparison.Ordinal) + 2;
        ReadOnlySpan<char> rest = absoluteUri.AsSpan(start);
        int end = rest.IndexOfAny('/', '?');
        return end < 0 ? rest : rest[..end];
    }
}
