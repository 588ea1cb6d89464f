using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// Everything <see cref="Http1RequestWriter"/> needs to write a request head: the request line, the Host
/// field, the caller's fields and the content framing.
/// </summary>
/// <remarks>
/// <para>
/// The method, target and Host are validated when set, and their combination too: authority-form is only
/// for CONNECT and CONNECT only uses it (RFC 9112 §3.2.3); asterisk-form is only for OPTIONS
/// (RFC 9112 §3.2.4); Host repeats the target's authority when the target has one (RFC 9112 §3.2).
/// </para>
/// <para>
/// The writer owns message framing and Host: <see cref="Headers"/> must not contain <c>Host</c>,
/// <c>Content-Length</c> or <c>Transfer-Encoding</c>; <see cref="Host"/> and <see cref="Framing"/> say
/// what those fields hold. The class is not thread-safe.
/// </para>
/// </remarks>
public sealed class Http1RequestHead
{
    private string _host = string.Empty;
    private RequestFraming _framing;

    /// <summary>Creates a request head.</summary>
    /// <param name="method">The method, a token such as <c>GET</c> (RFC 9110 §9.1); case-sensitive.</param>
    /// <param name="target">The request-target.</param>
    /// <param name="host">
    /// The Host field value, <c>uri-host [ ":" port ]</c> such as <c>example.com:8080</c> (RFC 9110 §7.2).
    /// For authority-form and absolute-form targets it must equal the target's authority, ignoring case.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The method is not a token, the target is <c>default</c> or not allowed with this method, or the Host
    /// value is invalid or does not match the target's authority.
    /// </exception>
    public Http1RequestHead(string method, RequestTarget target, string host)
    {
        Headers = new HttpHeaders();
        Reset(method, target, host);
    }

    /// <summary>
    /// Creates a request head for an authority-form or absolute-form target, whose Host value is the
    /// target's authority (RFC 9112 §3.2).
    /// </summary>
    /// <param name="method">The method, a token such as <c>CONNECT</c> (RFC 9110 §9.1); case-sensitive.</param>
    /// <param name="target">An authority-form or absolute-form target.</param>
    /// <exception cref="ArgumentException">
    /// The method is not a token, or the target is of another form or not allowed with this method.
    /// </exception>
    public Http1RequestHead(string method, RequestTarget target)
        : this(method, target, HostOf(target))
    {
    }

    /// <summary>The method, for example <c>GET</c>.</summary>
    public string Method { get; private set; } = string.Empty;

    /// <summary>The request-target.</summary>
    public RequestTarget Target { get; private set; }

    /// <summary>
    /// The Host field value, written as the first field of the head (RFC 9112 §3.2). Empty only when the
    /// target URI has no authority.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The value is not <c>uri-host [ ":" port ]</c>, or differs from the authority of an authority-form or
    /// absolute-form target.
    /// </exception>
    public string Host
    {
        get => _host;
        set => _host = ValidateHost(value, Target, nameof(value));
    }

    /// <summary>
    /// The caller's fields, written after Host in order. Must not contain <c>Host</c>, <c>Content-Length</c>
    /// or <c>Transfer-Encoding</c>: the writer refuses such a head.
    /// </summary>
    public HttpHeaders Headers { get; }

    /// <summary>How the content is delimited; the writer derives the framing field from it. Defaults to <see cref="RequestFraming.None"/>.</summary>
    /// <exception cref="ArgumentException">The method is CONNECT or TRACE, whose requests carry no content, and the value is not <see cref="RequestFraming.None"/>.</exception>
    public RequestFraming Framing
    {
        get => _framing;
        set
        {
            // RFC 9110 §9.3.6: a CONNECT request has no content; §9.3.8: a client MUST NOT send content in TRACE.
            if (value.Kind != RequestFramingKind.None && Method is Http1Methods.Connect or Http1Methods.Trace)
            {
                throw new ArgumentException($"A {Method} request carries no content (RFC 9110 §9.3.6, §9.3.8); its framing must be None.", nameof(value));
            }

            _framing = value;
        }
    }

    /// <summary>
    /// Makes this head describe another request, so one head object can serve every request of a connection
    /// without allocating: the method, target and Host are validated as by the constructor, the fields are
    /// cleared and the framing goes back to <see cref="RequestFraming.None"/>. When validation fails the head
    /// is left unchanged.
    /// </summary>
    /// <param name="method">The method, a token such as <c>GET</c> (RFC 9110 §9.1); case-sensitive.</param>
    /// <param name="target">The request-target.</param>
    /// <param name="host">The Host field value; see the constructor.</param>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public void Reset(string method, RequestTarget target, string host)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!FieldSyntax.IsToken(method))
        {
            throw new ArgumentException($"'{FieldSyntax.Printable(method)}' is not a valid method: a method is a non-empty token (RFC 9110 §9.1).", nameof(method));
        }

        ValidateTargetForMethod(method, target);
        string validHost = ValidateHost(host, target, nameof(host));
        Method = method;
        Target = target;
        _host = validHost;
        _framing = RequestFraming.None;
        Headers.Clear();
    }

    private static void ValidateTargetForMethod(string method, RequestTarget target)
    {
        if (target.IsDefault)
        {
            throw new ArgumentException("The request-target is default(RequestTarget); create one with RequestTarget.Origin, Absolute, Authority, Asterisk or FromUri.", nameof(target));
        }

        bool isConnect = method == Http1Methods.Connect;
        if (isConnect != (target.Form == RequestTargetForm.Authority))
        {
            // RFC 9112 §3.2.3: authority-form is only used for CONNECT, and CONNECT sends only host and port.
            throw new ArgumentException(
                $"A {method} request cannot use the {target.Form.ToString().ToLowerInvariant()}-form target '{target.Value}': authority-form is used for CONNECT and only for CONNECT (RFC 9112 §3.2.3).",
                nameof(target));
        }

        if (target.Form == RequestTargetForm.Asterisk && method != Http1Methods.Options)
        {
            throw new ArgumentException($"A {method} request cannot use the asterisk-form target '*': it is only for OPTIONS (RFC 9112 §3.2.4).", nameof(target));
        }
    }

    private static string ValidateHost(string host, RequestTarget target, string paramName)
    {
        AuthoritySyntax.ValidateHostField(host, paramName);

        // RFC 9112 §3.2: if the target URI includes an authority, Host MUST be identical to it.
        if (target.Form is RequestTargetForm.Authority or RequestTargetForm.Absolute
            && !target.AuthorityComponent.Equals(host, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The Host value '{FieldSyntax.Printable(host)}' differs from the authority '{target.AuthorityComponent}' of the {target.Form.ToString().ToLowerInvariant()}-form target (RFC 9112 §3.2).",
                paramName);
        }

        return host;
    }

    private static string HostOf(RequestTarget target)
    {
        if (target.Form is not (RequestTargetForm.Authority or RequestTargetForm.Absolute) || target.IsDefault)
        {
            throw new ArgumentException("Only an authority-form or absolute-form target carries the Host value; pass the Host value for other forms.", nameof(target));
        }

        return target.AuthorityComponent.ToString();
    }
}
