using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using Reqivo.Internal;
using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>
/// HTTP Digest authentication (RFC 7616): algorithms MD5, SHA-256 and SHA-512-256 (real SHA-512/256, FIPS 180-4 §6.7)
/// and their <c>-sess</c> variants, <c>qop=auth</c> and <c>auth-int</c>, <c>userhash</c>, nonce counting and
/// <c>stale=true</c> retry.
/// </summary>
/// <remarks>
/// <para>The first request to an origin of <see cref="Scope"/> goes without credentials; the server's 401 challenge is
/// answered with one new attempt. When several Digest challenges are offered (in one or several
/// <c>WWW-Authenticate</c> fields) the strongest algorithm is chosen. The nonce is then kept per origin: later requests
/// to the same origin carry a Digest response preemptively, reusing the nonce with an incremented nonce count
/// (<c>nc</c>), until the server answers with a new challenge. A challenge with <c>stale=true</c> after an answered
/// challenge (the nonce expired, the credentials were right) is answered once more.</para>
/// <para>When both <c>auth</c> and <c>auth-int</c> are offered, <c>auth</c> is used unless <see cref="PreferAuthInt"/> is
/// set and the request content is in memory. A challenge offering only <c>auth-int</c> for a request whose content is
/// streamed cannot be answered and raises <see cref="AuthenticationException"/>.</para>
/// <para>The <c>uri</c> parameter is the request-target in origin form (path and query), as the published examples use.
/// User name and password are encoded in UTF-8. Thread-safe: concurrent requests share the nonce state, and each gets its
/// own nonce count and a fresh random cnonce.</para>
/// </remarks>
public sealed class DigestAuthenticator : IAuthenticator
{
    private readonly string _password;
    private readonly ConcurrentDictionary<string, NonceState> _nonces = new(StringComparer.Ordinal);

    /// <summary>Creates an authenticator whose credentials belong to the origin of <paramref name="origin"/>.</summary>
    /// <param name="userName">The user name; must not contain control characters.</param>
    /// <param name="password">The password; must not contain control characters.</param>
    /// <param name="origin">An absolute http or https URI whose scheme, host and port the credentials belong to.</param>
    /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
    public DigestAuthenticator(string userName, string password, Uri origin)
        : this(userName, password, CredentialScope.ForOrigin(origin))
    {
    }

    /// <summary>Creates an authenticator whose credentials belong to the origins of <paramref name="scope"/>.</summary>
    /// <param name="userName">The user name; must not contain control characters.</param>
    /// <param name="password">The password; must not contain control characters.</param>
    /// <param name="scope">The origins the credentials belong to.</param>
    /// <exception cref="ArgumentException">The user name or password holds a control character.</exception>
    public DigestAuthenticator(string userName, string password, CredentialScope scope)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(scope);
        if (CredentialSyntax.HasControl(userName))
        {
            throw new ArgumentException("A Digest user name must not contain control characters.", nameof(userName));
        }

        if (CredentialSyntax.HasControl(password))
        {
            throw new ArgumentException("A Digest password must not contain control characters.", nameof(password));
        }

        UserName = userName;
        _password = password;
        Scope = scope;
    }

    /// <summary>The user name.</summary>
    public string UserName { get; }

    /// <summary>The origins the credentials belong to.</summary>
    public CredentialScope Scope { get; }

    /// <summary>
    /// Whether <c>qop=auth-int</c> (which also protects the request content) is chosen over <c>auth</c> when a server
    /// offers both and the content is in memory (default false: <c>auth</c>, which every server that offers it accepts).
    /// </summary>
    public bool PreferAuthInt { get; init; }

    /// <summary>The cnonce generator; tests fix it to reproduce published examples.</summary>
    internal Func<string> CnonceSource { get; init; } = NewCnonce;

    /// <inheritdoc />
    /// <remarks>Adds a Digest response only when a nonce for the request's origin is known from an earlier challenge.</remarks>
    public void Prepare(AuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Scope.Contains(context.Uri) || !_nonces.TryGetValue(CredentialScope.KeyOf(context.Uri), out NonceState? state))
        {
            return;
        }

        // Only auth-int offered and the content is streamed: send nothing now; the challenge that follows reports it.
        if (state.Challenge.ChooseQop(context.Body.HasValue, PreferAuthInt) is not { } qop)
        {
            return;
        }

        if (state.TryNextCount(out uint nonceCount))
        {
            SetAuthorization(context, state.Challenge, qop, nonceCount);
        }
    }

    /// <inheritdoc />
    /// <exception cref="AuthenticationException">The chosen challenge only offers <c>qop=auth-int</c> and the request content is not in memory.</exception>
    public bool OnChallenge(AuthenticationContext context, int statusCode, HttpHeaders responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (statusCode != 401 || context.PreviousChallenges >= AuthenticationContext.MaxAnsweredChallenges || !Scope.Contains(context.Uri))
        {
            return false;
        }

        DigestChallenge? challenge = DigestChallenge.SelectStrongest(AuthenticationChallenge.FromHeaders(responseHeaders));
        if (challenge is null)
        {
            return false;
        }

        // RFC 7616 §3.3: after an answered challenge, a new one without stale=true means the credentials were refused;
        // with stale=true only the nonce was, and the same credentials may go again with the new nonce.
        if (context.PreviousChallenges > 0 && !challenge.Stale)
        {
            return false;
        }

        DigestQop qop = challenge.ChooseQop(context.Body.HasValue, PreferAuthInt)
            ?? throw new AuthenticationException(
                "The Digest challenge only offers qop=auth-int, which needs the request content in memory; this request's content is streamed.")
            {
                RequestMethod = context.Method,
                RequestUrl = UrlRedactor.Redact(context.Uri),
            };

        // RFC 7616 §3.4: the nonce count restarts at 1 for a new nonce and keeps counting for a nonce already in use.
        NonceState state = _nonces.AddOrUpdate(
            CredentialScope.KeyOf(context.Uri),
            static (_, fresh) => new NonceState(fresh),
            static (_, existing, fresh) => existing.Challenge.SameNonceAs(fresh) && !fresh.Stale ? existing : new NonceState(fresh),
            challenge);
        if (!state.TryNextCount(out uint nonceCount))
        {
            return false;
        }

        SetAuthorization(context, state.Challenge, qop, nonceCount);
        return true;
    }

    /// <summary>The scheme and user name, never the password.</summary>
    public override string ToString() => $"Digest {UserName}";

    /// <summary>The nonce count the next request to <paramref name="origin"/> would use, or 0 when no nonce is known.</summary>
    internal long PeekNonceCount(Uri origin) =>
        _nonces.TryGetValue(CredentialScope.KeyOf(origin), out NonceState? state) ? state.Count : 0;

    private void SetAuthorization(AuthenticationContext context, DigestChallenge challenge, DigestQop qop, uint nonceCount)
    {
        ReadOnlySpan<byte> body = qop == DigestQop.AuthInt ? context.Body!.Value.Span : default;
        string value = DigestResponse.BuildAuthorization(
            challenge, UserName, _password, context.Method, context.Uri.PathAndQuery, qop, body, CnonceSource(), nonceCount);
        context.Headers.Set(CredentialSyntax.AuthorizationField, value);
    }

    // RFC 7616 §3.4: the cnonce is an opaque quoted string chosen by the client; 128 random bits in hex avoid any quoting.
    private static string NewCnonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A nonce in use for one origin and its count of requests sent with it.</summary>
    private sealed class NonceState(DigestChallenge challenge)
    {
        private long _count;

        public DigestChallenge Challenge => challenge;

        public long Count => Interlocked.Read(ref _count);

        /// <summary>Takes the next nonce count; false once the 8 hex digits of nc are exhausted.</summary>
        public bool TryNextCount(out uint nonceCount)
        {
            long next = Interlocked.Increment(ref _count);
            nonceCount = next <= uint.MaxValue ? (uint)next : 0;
            return next <= uint.MaxValue;
        }
    }
}
