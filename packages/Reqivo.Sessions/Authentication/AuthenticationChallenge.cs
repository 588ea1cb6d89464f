using System;
using System.Collections.Generic;
using Reqivo.Protocol;

namespace Reqivo.Authentication;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> field (RFC 9110 §11.3): an authentication scheme with either a token68
/// or a list of parameters.
/// </summary>
/// <remarks>Immutable. Parameter names are compared ignoring ASCII case; quoted values are unescaped.</remarks>
public sealed class AuthenticationChallenge
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters =
        new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);

    internal AuthenticationChallenge(string scheme, string? token68, IReadOnlyDictionary<string, string>? parameters)
    {
        Scheme = scheme;
        Token68 = token68;
        Parameters = parameters ?? NoParameters;
    }

    /// <summary>The authentication scheme as received (compare it with <see cref="IsScheme"/>, which ignores case).</summary>
    public string Scheme { get; }

    /// <summary>The token68 that follows the scheme, or null when the challenge has parameters or nothing.</summary>
    public string? Token68 { get; }

    /// <summary>The challenge's parameters by name (names compared ignoring ASCII case), with quoted-string values unescaped.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Whether the challenge is for <paramref name="scheme"/>, ignoring ASCII case (RFC 9110 §11.1).</summary>
    /// <param name="scheme">A scheme name such as <c>Basic</c>.</param>
    public bool IsScheme(string scheme) => string.Equals(Scheme, scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses one <c>WWW-Authenticate</c> field value, which may hold several challenges. Parsing is lenient where RFC
    /// 9110 allows (empty list elements, spaces around <c>=</c>, case of names) and skips what it cannot read: a challenge
    /// that repeats a parameter name is dropped (RFC 9110 §11.2), and a syntax error drops the challenge it occurs in and
    /// the rest of that field value, keeping the challenges before it.
    /// </summary>
    /// <param name="fieldValue">The field value.</param>
    /// <returns>The challenges, in order.</returns>
    public static IReadOnlyList<AuthenticationChallenge> Parse(string fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        var challenges = new List<AuthenticationChallenge>();
        ChallengeParser.ParseInto(fieldValue, challenges);
        return challenges;
    }

    /// <summary>Parses every <c>WWW-Authenticate</c> field line of a response, in order (see <see cref="Parse"/>).</summary>
    /// <param name="responseHeaders">The response's header fields.</param>
    /// <returns>The challenges of every line, in order.</returns>
    public static IReadOnlyList<AuthenticationChallenge> FromHeaders(HttpHeaders responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        var challenges = new List<AuthenticationChallenge>();
        foreach (string line in responseHeaders.GetValues("WWW-Authenticate"))
        {
            ChallengeParser.ParseInto(line, challenges);
        }

        return challenges;
    }

    /// <summary>The challenge in a readable form (scheme and parameter names; values are left out as they may be secret).</summary>
    public override string ToString() =>
        Token68 is not null ? $"{Scheme} <token68>" : $"{Scheme} {string.Join(", ", Parameters.Keys)}".TrimEnd();
}
