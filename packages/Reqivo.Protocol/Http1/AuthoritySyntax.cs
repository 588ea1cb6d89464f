using System;
using System.Buffers;
using System.Net;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// The grammar of <c>uri-host [ ":" port ]</c> (RFC 3986 §3.2.2–3.2.3), used for the Host field value
/// (RFC 9110 §7.2), the authority-form target and the authority of an absolute-form target. Only ASCII is
/// accepted: internationalised host names must arrive in their IDNA (punycode) form.
/// </summary>
internal static class AuthoritySyntax
{
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    // RFC 3986 §3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims ); IPv4 addresses are a subset.
    private static readonly SearchValues<char> RegNameChars = SearchValues.Create(Unreserved + "!$&'()*+,;=%");

    // Characters of an IPv6 address in text form (RFC 4291 §2.2), including an embedded IPv4 address.
    private static readonly SearchValues<char> IPv6AddressChars = SearchValues.Create("0123456789ABCDEFabcdef:.");

    /// <summary>Whether <paramref name="value"/> is <c>uri-host [ ":" port ]</c>.</summary>
    public static bool IsHostAndOptionalPort(ReadOnlySpan<char> value)
    {
        ReadOnlySpan<char> afterHost;
        if (!value.IsEmpty && value[0] == '[')
        {
            int close = value.IndexOf(']');
            if (close < 0 || !IsIPv6Literal(value[1..close]))
            {
                return false;
            }

            afterHost = value[(close + 1)..];
        }
        else
        {
            int colon = value.IndexOf(':');
            ReadOnlySpan<char> host = colon < 0 ? value : value[..colon];
            if (!IsRegName(host))
            {
                return false;
            }

            afterHost = value[host.Length..];
        }

        return afterHost.IsEmpty || (afterHost[0] == ':' && IsPort(afterHost[1..]));
    }

    /// <summary>Whether <paramref name="host"/> is a non-empty reg-name or IPv4 address.</summary>
    public static bool IsRegName(ReadOnlySpan<char> host) =>
        !host.IsEmpty && !host.ContainsAnyExcept(RegNameChars);

    /// <summary>
    /// Whether <paramref name="address"/> (without brackets) is an IPv6 address. Zone identifiers
    /// (RFC 6874) are not accepted: they mean nothing to the peer and have no agreed form in a Host field.
    /// </summary>
    public static bool IsIPv6Literal(ReadOnlySpan<char> address) =>
        address.Contains(':')
        && !address.ContainsAnyExcept(IPv6AddressChars)
        && IPAddress.TryParse(address, out _);

    /// <summary>Whether <paramref name="port"/> is 1 to 5 digits naming a port no greater than 65535.</summary>
    public static bool IsPort(ReadOnlySpan<char> port)
    {
        if (port.IsEmpty || port.Length > 5)
        {
            return false;
        }

        int number = 0;
        foreach (char c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return number <= ushort.MaxValue;
    }

    /// <summary>Throws when <paramref name="host"/> is neither empty nor <c>uri-host [ ":" port ]</c>.</summary>
    public static void ValidateHostField(string host, string paramName)
    {
        ArgumentNullException.ThrowIfNull(host, paramName);

        // RFC 9112 §3.2: an empty Host is what a client sends when the target URI has no authority.
        if (host.Length != 0 && !IsHostAndOptionalPort(host))
        {
            throw new ArgumentException(
                $"'{FieldSyntax.Printable(host)}' is not a valid Host value: expected uri-host [ \":\" port ] in ASCII (RFC 9110 §7.2), with no userinfo, path or whitespace; internationalised names must be in IDNA form.",
                paramName);
        }
    }
}
