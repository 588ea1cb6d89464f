using System;
using System.Text;
using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>
/// HTTP Basic authentication (RFC 7617): the user-id and password, joined by a colon, encoded in UTF-8 and base64.
/// </summary>
/// <remarks>
/// <para>The credentials go only to the origins of <see cref="Scope"/>. By default they are sent preemptively with
/// every request to those origins (as browsers do after the first challenge and as requests/httpx do); with
/// <see cref="Preemptive"/> false they are sent only in answer to a <c>Basic</c> challenge.</para>
/// <para>Basic credentials are only encoded, not encrypted. They are sent over plain http only to an http origin that
/// was named explicitly in the scope; set <see cref="AllowUnencrypted"/> to false to refuse that too.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BasicAuthenticator : IAuthenticator
{
    private readonly FixedCredentials _credentials;

    /// <summary>Creates an authenticator whose credentials belong to the origin of <paramref name="origin"/>.</summary>
    /// <param name="userName">The user-id; must not contain a colon or control characters.</param>
    /// <param name="password">The password; must not contain control characters.</param>
    /// <param name="origin">An absolute http or https URI whose scheme, host and port the credentials belong to.</param>
    /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
    public BasicAuthenticator(string userName, string password, Uri origin)
        : this(userName, password, CredentialScope.ForOrigin(origin))
    {
    }

    /// <summary>Creates an authenticator whose credentials belong to the origins of <paramref name="scope"/>.</summary>
    /// <param name="userName">The user-id; must not contain a colon or control characters.</param>
    /// <param name="password">The password; must not contain control characters.</param>
    /// <param name="scope">The origins the credentials belong to.</param>
    /// <exception cref="ArgumentException">The user-id holds a colon, or either value holds a control character.</exception>
    public BasicAuthenticator(string userName, string password, CredentialScope scope)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(scope);

        // RFC 7617 §2: a user-id containing a colon is invalid, and neither part may contain control characters.
        if (userName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic user-id must not contain a colon (RFC 7617 §2).", nameof(userName));
        }

        if (CredentialSyntax.HasControl(userName))
        {
            throw new ArgumentException("A Basic user-id must not contain control characters (RFC 7617 §2).", nameof(userName));
        }

        if (CredentialSyntax.HasControl(password))
        {
            throw new ArgumentException("A Basic password must not contain control characters (RFC 7617 §2).", nameof(password));
        }

        UserName = userName;

        // RFC 7617 §2.1: with the UTF-8 charset both parts are normalised (the PRECIS profiles apply NFC) and encoded in UTF-8.
        string userPass = userName.Normalize(NormalizationForm.FormC) + ":" + password.Normalize(NormalizationForm.FormC);
        _credentials = new FixedCredentials("Basic", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userPass)), scope);
    }

    /// <summary>The user-id.</summary>
    public string UserName { get; }

    /// <summary>The origins the credentials belong to.</summary>
    public CredentialScope Scope => _credentials.Scope;

    /// <summary>Whether the credentials are sent with every request to the scope, before any challenge (default true).</summary>
    public bool Preemptive { get; init; } = true;

    /// <summary>
    /// Whether the credentials may be sent to an http (unencrypted) origin of the scope (default true: the origin was
    /// named explicitly). When false, only https requests receive them.
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

    /// <summary>The scheme and user-id, never the password.</summary>
    public override string ToString() => $"Basic {UserName}";
}
