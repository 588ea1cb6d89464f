using System;
using System.Globalization;
using System.Text;

namespace Reqivo.Authentication;

/// <summary>
/// Computes a Digest response and writes the <c>Authorization</c> value (RFC 7616 §3.4). Pure: the cnonce and the nonce
/// count are inputs, so the RFC's worked examples can be reproduced exactly.
/// </summary>
internal static class DigestResponse
{
    /// <summary>The <c>Authorization</c> field value answering <paramref name="challenge"/>.</summary>
    public static string BuildAuthorization(
        DigestChallenge challenge,
        string userName,
        string password,
        string method,
        string requestTarget,
        DigestQop qop,
        ReadOnlySpan<byte> body,
        string cnonce,
        uint nonceCount)
    {
        DigestAlgorithm algorithm = challenge.Algorithm;
        string nc = FormatNonceCount(nonceCount);
        string response = Compute(challenge, userName, password, method, requestTarget, qop, body, cnonce, nc);

        var builder = new StringBuilder("Digest ");
        if (challenge.UserHash)
        {
            // RFC 7616 §3.4.4: username = H(unq(username) ":" unq(realm)).
            Quoted(builder, "username", algorithm.HashHex(userName + ":" + challenge.Realm));
        }
        else if (CredentialSyntax.IsPrintableAscii(userName))
        {
            Quoted(builder, "username", userName);
        }
        else
        {
            // RFC 7616 §3.4: a name that a quoted-string cannot carry goes in username* (RFC 8187), never both.
            builder.Append("username*=").Append(CredentialSyntax.EncodeExtValue(userName));
        }

        builder.Append(", ");
        Quoted(builder, "realm", challenge.Realm);
        builder.Append(", ");
        Quoted(builder, "uri", requestTarget);
        builder.Append(", algorithm=").Append(algorithm.Name).Append(", ");
        Quoted(builder, "nonce", challenge.Nonce);
        if (qop != DigestQop.None)
        {
            builder.Append(", nc=").Append(nc).Append(", ");
            Quoted(builder, "cnonce", cnonce);
            builder.Append(", qop=").Append(QopName(qop));
        }

        builder.Append(", ");
        Quoted(builder, "response", response);
        if (challenge.Opaque is not null)
        {
            builder.Append(", ");
            Quoted(builder, "opaque", challenge.Opaque);
        }

        if (challenge.UserHash)
        {
            builder.Append(", userhash=true");
        }

        return builder.ToString();
    }

    /// <summary>The <c>response</c> value: KD(H(A1), nonce:nc:cnonce:qop:H(A2)), or KD(H(A1), nonce:H(A2)) without qop.</summary>
    public static string Compute(
        DigestChallenge challenge,
        string userName,
        string password,
        string method,
        string requestTarget,
        DigestQop qop,
        ReadOnlySpan<byte> body,
        string cnonce,
        string nc)
    {
        DigestAlgorithm algorithm = challenge.Algorithm;

        // RFC 7616 §3.4.2: A1 = username:realm:password; a -sess variant hashes it again with the nonce and cnonce.
        string ha1 = algorithm.HashHex(userName + ":" + challenge.Realm + ":" + password);
        if (algorithm.IsSession)
        {
            ha1 = algorithm.HashHex(ha1 + ":" + challenge.Nonce + ":" + cnonce);
        }

        // RFC 7616 §3.4.3: A2 = method:uri, plus ":" H(entity-body) for auth-int.
        string a2 = qop == DigestQop.AuthInt
            ? method + ":" + requestTarget + ":" + algorithm.HashHex(body)
            : method + ":" + requestTarget;
        string ha2 = algorithm.HashHex(a2);

        // RFC 7616 §3.4.1: response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)) with KD(secret, data) = H(secret:data).
        string data = qop == DigestQop.None
            ? challenge.Nonce + ":" + ha2
            : string.Join(':', challenge.Nonce, nc, cnonce, QopName(qop), ha2);
        return algorithm.HashHex(ha1 + ":" + data);
    }

    /// <summary>The nonce count as exactly 8 lower-case hex digits (RFC 7616 §3.4).</summary>
    public static string FormatNonceCount(uint nonceCount) => nonceCount.ToString("x8", CultureInfo.InvariantCulture);

    private static string QopName(DigestQop qop) => qop == DigestQop.AuthInt ? "auth-int" : "auth";

    private static void Quoted(StringBuilder builder, string name, string value)
    {
        builder.Append(name).Append('=');
        CredentialSyntax.AppendQuoted(builder, value);
    }
}
