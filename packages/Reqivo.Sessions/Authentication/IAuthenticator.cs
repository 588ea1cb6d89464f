using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>
/// Adds credentials to requests for an HTTP authentication scheme (RFC 9110 §11). An authenticator is pure: it reads
/// and writes the <see cref="AuthenticationContext"/> it is given and does no I/O.
/// </summary>
/// <remarks>
/// <para>The session calls, for every attempt of a request (the first one, each redirect hop, each new attempt after a
/// challenge): <see cref="Prepare"/> just before the attempt is sent; then, when the attempt is answered with
/// <c>401 Unauthorized</c>, <see cref="OnChallenge"/>. When <see cref="OnChallenge"/> returns true the session sends a
/// new attempt of the same request with the header fields the authenticator left in
/// <see cref="AuthenticationContext.Headers"/>.</para>
/// <para>The session answers at most one 401 per request chain with a new attempt, with one exception: a Digest
/// challenge with <c>stale=true</c> (the nonce expired, the credentials were right, RFC 7616 §3.3) may be answered once
/// more. The session tells the authenticator how many 401 responses of the chain it already answered through
/// <see cref="AuthenticationContext.PreviousChallenges"/>, stops calling <see cref="OnChallenge"/> once that number
/// reaches <see cref="AuthenticationContext.MaxAnsweredChallenges"/>, and returns the last 401 to the caller.</para>
/// <para>An implementation must be thread-safe: one instance serves every concurrent request of a session. It must
/// never add credentials for a request whose origin (scheme, host, port) its credentials do not belong to, and it must
/// not remove header fields it did not add. Only <c>Authorization</c> and <c>WWW-Authenticate</c> are in scope:
/// proxy authentication (<c>Proxy-Authorization</c>, 407) is not handled by this seam.</para>
/// </remarks>
public interface IAuthenticator
{
    /// <summary>
    /// Adds credentials to an attempt before it is sent, when they are known in advance (preemptive authentication);
    /// may do nothing.
    /// </summary>
    /// <param name="context">The attempt about to be sent.</param>
    void Prepare(AuthenticationContext context);

    /// <summary>
    /// Answers a <c>401</c> response: reads its <c>WWW-Authenticate</c> challenges and, when it can answer one, sets new
    /// credentials in <see cref="AuthenticationContext.Headers"/> and returns true so that the session sends a new
    /// attempt with them.
    /// </summary>
    /// <param name="context">The attempt that was answered with the challenge.</param>
    /// <param name="statusCode">The status code received (401).</param>
    /// <param name="responseHeaders">The response's header fields.</param>
    /// <returns>Whether the session should send a new attempt with the credentials added.</returns>
    bool OnChallenge(AuthenticationContext context, int statusCode, HttpHeaders responseHeaders);
}
