using System;
using System.Collections.Generic;

namespace Reqivo.Authentication;

/// <summary>The quality of protection a Digest response uses (RFC 7616 §3.3, §3.4.3).</summary>
internal enum DigestQop
{
    /// <summary>No <c>qop</c> in the challenge: the RFC 2069 response without nc and cnonce.</summary>
    None,

    /// <summary><c>qop=auth</c>: authentication only.</summary>
    Auth,

    /// <summary><c>qop=auth-int</c>: authentication with integrity of the request content.</summary>
    AuthInt,
}

/// <summary>A Digest challenge this client can answer (RFC 7616 §3.3).</summary>
internal sealed record DigestChallenge(
    string Realm,
    string Nonce,
    string? Opaque,
    DigestAlgorithm Algorithm,
    bool OffersQop,
    bool OffersAuth,
    bool OffersAuthInt,
    bool Stale,
    bool UserHash)
{
    /// <summary>
    /// Reads a Digest challenge; false when it is not Digest, lacks <c>realm</c> or <c>nonce</c>, names an algorithm
    /// this client does not implement, or offers only unknown qop values.
    /// </summary>
    public static bool TryCreate(AuthenticationChallenge challenge, out DigestChallenge? digest)
    {
        digest = null;
        IReadOnlyDictionary<string, string> p = challenge.Parameters;
        if (!challenge.IsScheme("Digest") || !p.TryGetValue("realm", out string? realm) || !p.TryGetValue("nonce", out string? nonce))
        {
            return false;
        }

        // RFC 7616 §3.3: without an algorithm parameter, MD5 is assumed.
        DigestAlgorithm algorithm = new(DigestHash.Md5, IsSession: false);
        if (p.TryGetValue("algorithm", out string? algorithmName) && !DigestAlgorithm.TryParse(algorithmName, out algorithm))
        {
            return false;
        }

        bool offersQop = p.TryGetValue("qop", out string? qop);
        bool auth = false, authInt = false;
        if (offersQop)
        {
            foreach (string option in qop!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                auth |= option.Equals("auth", StringComparison.OrdinalIgnoreCase);
                authInt |= option.Equals("auth-int", StringComparison.OrdinalIgnoreCase);
            }

            if (!auth && !authInt)
            {
                return false;
            }
        }

        digest = new DigestChallenge(
            realm,
            nonce,
            p.TryGetValue("opaque", out string? opaque) ? opaque : null,
            algorithm,
            offersQop,
            auth,
            authInt,
            IsTrue(p, "stale"),
            IsTrue(p, "userhash"));
        return true;
    }

    /// <summary>
    /// The strongest Digest challenge this client can answer, the first listed among equals (RFC 7616 §3.7 lets local
    /// policy override the server's order; the policy here is the strongest hash); null when there is none.
    /// </summary>
    public static DigestChallenge? SelectStrongest(IReadOnlyList<AuthenticationChallenge> challenges)
    {
        DigestChallenge? best = null;
        foreach (AuthenticationChallenge challenge in challenges)
        {
            if (TryCreate(challenge, out DigestChallenge? digest) && (best is null || digest!.Algorithm.Strength > best.Algorithm.Strength))
            {
                best = digest;
            }
        }

        return best;
    }

    /// <summary>
    /// The qop to answer with: <c>auth</c> when offered (unless integrity is preferred and the content is in memory),
    /// else <c>auth-int</c>, which needs the content; null when only <c>auth-int</c> is offered and the content is not
    /// available.
    /// </summary>
    public DigestQop? ChooseQop(bool bodyAvailable, bool preferIntegrity)
    {
        if (!OffersQop)
        {
            return DigestQop.None;
        }

        if (OffersAuthInt && bodyAvailable && (preferIntegrity || !OffersAuth))
        {
            return DigestQop.AuthInt;
        }

        return OffersAuth ? DigestQop.Auth : null;
    }

    /// <summary>Whether the challenge belongs to the same protection space and nonce as <paramref name="other"/>.</summary>
    public bool SameNonceAs(DigestChallenge other) =>
        string.Equals(Realm, other.Realm, StringComparison.Ordinal)
        && string.Equals(Nonce, other.Nonce, StringComparison.Ordinal)
        && Algorithm == other.Algorithm;

    private static bool IsTrue(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out string? value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);
}
