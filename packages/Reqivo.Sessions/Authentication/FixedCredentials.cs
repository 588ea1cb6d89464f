using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>
/// The behaviour shared by schemes whose credentials never change (Basic, Bearer): sent preemptively when allowed, or
/// once in answer to a challenge for the scheme.
/// </summary>
internal sealed class FixedCredentials(string scheme, string authorizationValue, CredentialScope scope)
{
    public CredentialScope Scope => scope;

    public void Prepare(AuthenticationContext context, bool preemptive, bool allowUnencrypted)
    {
        if (preemptive && MayReceive(context, allowUnencrypted))
        {
            context.Headers.Set(CredentialSyntax.AuthorizationField, authorizationValue);
        }
    }

    public bool OnChallenge(AuthenticationContext context, int statusCode, HttpHeaders responseHeaders, bool allowUnencrypted)
    {
        // RFC 9110 §15.5.2: a 401 for a request that already carried these credentials means they were refused;
        // sending them again would only repeat the refusal.
        if (statusCode != 401 || context.PreviousChallenges > 0 || !MayReceive(context, allowUnencrypted)
            || (context.Headers.TryGetValue(CredentialSyntax.AuthorizationField, out string? sent) && sent == authorizationValue))
        {
            return false;
        }

        foreach (AuthenticationChallenge challenge in AuthenticationChallenge.FromHeaders(responseHeaders))
        {
            if (challenge.IsScheme(scheme))
            {
                context.Headers.Set(CredentialSyntax.AuthorizationField, authorizationValue);
                return true;
            }
        }

        return false;
    }

    private bool MayReceive(AuthenticationContext context, bool allowUnencrypted) =>
        scope.Contains(context.Uri) && (allowUnencrypted || CredentialScope.IsEncrypted(context.Uri));
}
