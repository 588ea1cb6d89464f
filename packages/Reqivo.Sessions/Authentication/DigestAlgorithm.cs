using System;
using System.Security.Cryptography;
using System.Text;

namespace Reqivo.Authentication;

/// <summary>The hash functions of RFC 7616 §3.2 (the IANA "HTTP Digest Algorithm Values" registry).</summary>
internal enum DigestHash
{
    Md5,
    Sha256,
    Sha512_256,
}

/// <summary>A Digest algorithm: a hash function, and whether it is a <c>-sess</c> variant (RFC 7616 §3.4.2).</summary>
internal readonly record struct DigestAlgorithm(DigestHash Hash, bool IsSession)
{
    /// <summary>The algorithm's name as sent in the <c>algorithm</c> parameter.</summary>
    public string Name => (Hash switch
    {
        DigestHash.Md5 => "MD5",
        DigestHash.Sha256 => "SHA-256",
        _ => "SHA-512-256",
    }) + (IsSession ? "-sess" : string.Empty);

    /// <summary>A rank for choosing among several challenges: stronger hash functions rank higher.</summary>
    public int Strength => Hash switch
    {
        DigestHash.Md5 => 1,
        DigestHash.Sha256 => 2,
        _ => 3,
    };

    /// <summary>Reads an <c>algorithm</c> parameter value (case-insensitive); false for an algorithm this client does not implement.</summary>
    public static bool TryParse(string name, out DigestAlgorithm algorithm)
    {
        bool isSession = name.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        string hashName = isSession ? name[..^"-sess".Length] : name;
        DigestHash? hash = hashName.ToUpperInvariant() switch
        {
            "MD5" => DigestHash.Md5,
            "SHA-256" => DigestHash.Sha256,
            "SHA-512-256" => DigestHash.Sha512_256,
            _ => null,
        };
        algorithm = hash is { } known ? new DigestAlgorithm(known, isSession) : default;
        return hash is not null;
    }

    /// <summary>H(text): the lower-case hex digest of the UTF-8 encoding of <paramref name="text"/> (RFC 7616 §3.4.1).</summary>
    public string HashHex(string text) => HashHex(Encoding.UTF8.GetBytes(text));

    /// <summary>H(data): the lower-case hex digest of <paramref name="data"/>.</summary>
    public string HashHex(ReadOnlySpan<byte> data)
    {
        byte[] digest = Hash switch
        {
            // RFC 7616 §3.2 keeps MD5 for backward compatibility; here it is a protocol requirement, not a choice of strength.
#pragma warning disable CA5351
            DigestHash.Md5 => MD5.HashData(data),
#pragma warning restore CA5351
            DigestHash.Sha256 => SHA256.HashData(data),
            _ => Sha512_256.HashData(data),
        };
        return Convert.ToHexStringLower(digest);
    }
}
