using System;
using Reqivo.Authentication;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>Every worked example of ../shared/vectors/http-auth/digest-examples.json, with the cnonce fixed.</summary>
public sealed class DigestVectorTests
{
    public static TheoryData<string> VectorIds => AuthVectors.Ids(AuthVectors.Digest);

    [VectorTheory]
    [MemberData(nameof(VectorIds))]
    public void Worked_examples(string id)
    {
        var vector = AuthVectors.Case(AuthVectors.Digest, id);
        if (vector.Text("algorithm") == "SHA-512-truncated-256")
        {
            Published_sha512_truncated_values_are_not_reproduced(vector.Text("expected_userhash"), vector.Text("expected_response"));
            return;
        }

        var authenticator = new DigestAuthenticator(vector.Text("username"), vector.Text("password"), new Uri("http://example.org"))
        {
            CnonceSource = () => vector.Text("cnonce"),
        };
        var context = AuthTest.Context("http://example.org" + vector.Text("uri"), vector.Text("method"));
        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges(vector.Text("challenge"))));

        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.True(credentials.IsScheme("Digest"));
        Assert.Equal(vector.Text("expected_response"), credentials.Parameters["response"]);
        Assert.Equal(vector.Text("realm"), credentials.Parameters["realm"]);
        Assert.Equal(vector.Text("uri"), credentials.Parameters["uri"]);
        Assert.Equal(vector.Text("nonce"), credentials.Parameters["nonce"]);
        Assert.Equal(vector.Text("opaque"), credentials.Parameters["opaque"]);
        Assert.Equal(vector.Text("cnonce"), credentials.Parameters["cnonce"]);
        Assert.Equal(vector.Text("nc"), credentials.Parameters["nc"]);
        Assert.Equal(vector.Text("qop"), credentials.Parameters["qop"]);
        if (vector.OptionalText("expected_userhash") is { } userHash)
        {
            Assert.Equal(userHash, credentials.Parameters["username"]);
            Assert.Equal("true", credentials.Parameters["userhash"]);
        }
        else
        {
            Assert.Equal(vector.Text("username"), credentials.Parameters["username"]);
            Assert.False(credentials.Parameters.ContainsKey("userhash"));
        }

        if (vector.OptionalText("expected_username_star") is { } usernameStar)
        {
            Assert.Equal(usernameStar, CredentialSyntax.EncodeExtValue(vector.Text("username")));
        }
    }

    // RFC 7616 §3.9.1 (SHA-256), the known answer without the vector files.
    [Fact]
    public void Rfc7616_sha256_example_always_runs()
    {
        var challenge = Challenge("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\"");
        string response = DigestResponse.Compute(
            challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html", DigestQop.Auth, default, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "00000001");
        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    // RFC 7616 §3.9.2 with real SHA-512/256 (erratum 4897 values), without the vector files.
    [Fact]
    public void Rfc7616_sha512_256_userhash_example_always_runs()
    {
        var authenticator = new DigestAuthenticator("J\u00e4s\u00f8n Doe", "Secret, or not?", new Uri("https://api.example.org"))
        {
            CnonceSource = () => "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
        };
        var context = AuthTest.Context("https://api.example.org/doe.json");
        Assert.True(authenticator.OnChallenge(context, 401, AuthTest.Challenges(
            "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true")));
        var credentials = AuthTest.ParseCredentials(AuthTest.Authorization(context)!);
        Assert.Equal("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", credentials.Parameters["username"]);
        Assert.Equal("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", credentials.Parameters["response"]);
        Assert.Equal("SHA-512-256", credentials.Parameters["algorithm"]);
    }

    private static void Published_sha512_truncated_values_are_not_reproduced(string publishedUserHash, string publishedResponse)
    {
        var challenge = Challenge("Digest realm=\"api@example.org\", qop=auth, algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", userhash=true");
        string response = DigestResponse.Compute(
            challenge, "J\u00e4s\u00f8n Doe", "Secret, or not?", "GET", "/doe.json", DigestQop.Auth, default, "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", "00000001");
        Assert.NotEqual(publishedResponse, response);
        Assert.NotEqual(publishedUserHash, challenge.Algorithm.HashHex("J\u00e4s\u00f8n Doe:api@example.org"));
        Assert.Equal("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", response);
    }

    internal static DigestChallenge Challenge(string value)
    {
        Assert.True(DigestChallenge.TryCreate(Assert.Single(AuthenticationChallenge.Parse(value)), out DigestChallenge? challenge));
        return challenge!;
    }
}
