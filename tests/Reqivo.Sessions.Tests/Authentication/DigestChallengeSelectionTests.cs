using Reqivo.Authentication;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>Which Digest challenges are usable (RFC 7616 §3.3) and which qop a repeated or unknown option list yields.</summary>
public sealed class DigestChallengeSelectionTests
{
    [Theory]
    [InlineData("Digest nonce=n")]
    [InlineData("Digest realm=r")]
    [InlineData("Basic realm=r, nonce=n")]
    [InlineData("Digest realm=r, nonce=n, algorithm=CRC32")]
    [InlineData("Digest realm=r, nonce=n, qop=\"foo, bar\"")]
    [InlineData("Digest realm=r, nonce=n, qop=\" , \"")]
    public void An_unusable_challenge_is_not_created(string value)
    {
        Assert.False(DigestChallenge.TryCreate(Assert.Single(AuthenticationChallenge.Parse(value)), out DigestChallenge? digest));
        Assert.Null(digest);
    }

    [Theory]
    [InlineData("auth, auth", true, "auth")]
    [InlineData("auth,auth,auth-int", false, "auth")]
    [InlineData("auth-int, auth-int", true, "auth-int")]
    [InlineData("foo, auth", true, "auth")]
    public void A_repeated_qop_option_still_counts_as_offered(string qop, bool bodyInMemory, string expected)
    {
        var challenge = Assert.Single(AuthenticationChallenge.Parse($"Digest realm=r, nonce=n, qop=\"{qop}\""));

        Assert.True(DigestChallenge.TryCreate(challenge, out DigestChallenge? digest));
        DigestQop? chosen = digest!.ChooseQop(bodyInMemory, preferIntegrity: false);
        Assert.Equal(expected == "auth" ? DigestQop.Auth : DigestQop.AuthInt, chosen);
    }
}
