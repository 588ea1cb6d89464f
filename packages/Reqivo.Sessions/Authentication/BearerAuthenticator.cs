using System;
using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>
/// Bearer token authentication (RFC 6750 §2.1): <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
/// <remarks>
/// <para>The token goes only to the origins of <see cref="Scope"/>, by default with every request (a bearer token is
/// normally expected up front); with <see cref="Preemptive"/> false only in answer to a <c>Bearer</c> challenge. A 401
/// for a request that already carried the token is returned to the caller: refreshing a token is the application's
/// business.</para>
/// <para>RFC 6750 §5.3 asks clients to send bearer tokens over TLS only. The token is sent over plain http only to an
/// http origin that was named explicitly in the scope; set <see cref="AllowUnencrypted"/> to false to refuse that too.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BearerAuthenticator : IAuthenticator
{
    private readonly FixedCredentials _credentials;

    /// <summary>Creates an authenticator whose token belongs to the origin of <paramref name="origin"/>.</summary>
    /// <param name="token">The token, in the b64token syntax of RFC 6750 §2.1.</param>
    /// <param name="origin">An absolute http or https URI whose scheme, host and port the token belongs to.</param>
    /// <exception cref="ArgumentException">The token is not a b64token, or the origin is not an http or https URI.</exception>
    public BearerAuthenticator(string token, Uri origin)
        : this(token, CredentialScope.ForOrigin(origin))
    {
    }

    /// <summary>Creates an authenticator whose token belongs to the origins of <paramref name="scope"/>.</summary>
    /// <param name="token">The token, in the b64token syntax of RFC 6750 §2.1.</param>
    /// <param name="scope">The origins the token belongs to.</param>
    /// <exception cref="ArgumentException">The token is not a b64token.</exception>
    public BearerAuthenticator(string token, CredentialScope scope)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(scope);

        // RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
        if (!CredentialSyntax.IsToken68(token))
        {
            throw new ArgumentException("A bearer token must match the b64token syntax (RFC 6750 §2.1).", nameof(token));
        }

        _credentials = new FixedCredentials("Bearer", "Bearer " + token, scope);
    }

    /// <summary>The origins the token belongs to.</summary>
    public CredentialScope Scope => _credentials.Scope;

    /// <summary>Whether the token is sent with every request to the scope, before any challenge (default true).</summary>
    public bool Preemptive { get; init; } = true;

    /// <summary>
    /// Whether the token may be sent to an http (unencrypted) origin of the scope (default true: the origin was named
    /// explicitly). When false, only https requests receive it.
    /// </summary>
    public bool AllowUnencrypted { get; init; } = true;

    /// <inheritdoc />
    public void Prepare(AuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _credentials.Prepare(context, Preemptive, AllowUnencrypted);
    }

    /// <inheritdoc />
    public bool OnChallenge(AuthenticationContext context, int statusCode, HttpHeaders responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(responseHeaders);
        return _credentials.OnChallenge(context, statusCode, responseHeaders, AllowUnencrypted);
    }

    /// <summary>The scheme only, never the token.</summary>
    public override string ToString() => "Bearer";
}
