using System;
using System.Globalization;

namespace Reqivo.Pooling;

/// <summary>
/// What makes two connections interchangeable: the origin (scheme, host, port) and the identity of the
/// transport that opened them (for example <c>tls(tcp)</c> or <c>tcp via proxy:3128</c>). Connections are
/// only reused for an equal key.
/// </summary>
/// <param name="Scheme">The URI scheme, for example <c>https</c>.</param>
/// <param name="Host">The host name or IP literal (IPv6 literals with or without brackets).</param>
/// <param name="Port">The port, 0 to 65535.</param>
/// <param name="TransportIdentity">Names the transport stack and its settings; two transports that would
/// produce connections that are not interchangeable must report different identities.</param>
/// <remarks>
/// Scheme and host compare without regard to ASCII case (RFC 3986 §6.2.2.1); the port and the transport
/// identity compare exactly.
/// </remarks>
public readonly record struct PoolKey(string Scheme, string Host, int Port, string TransportIdentity)
{
    /// <summary>Whether both keys name the same origin over the same transport.</summary>
    /// <param name="other">The key to compare with.</param>
    /// <returns><see langword="true"/> when the keys are equal.</returns>
    public bool Equals(PoolKey other) =>
        Port == other.Port
        && string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(TransportIdentity, other.TransportIdentity, StringComparison.Ordinal);

    /// <summary>A hash code consistent with <see cref="Equals(PoolKey)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(
        Scheme is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Scheme),
        Host is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Host),
        Port,
        TransportIdentity is null ? 0 : StringComparer.Ordinal.GetHashCode(TransportIdentity));

    /// <summary>The key as people read it: <c>https://example.com:443 (tls(tcp))</c>.</summary>
    /// <returns>The readable key.</returns>
    public override string ToString()
    {
        string host = Host ?? string.Empty;
        bool bracket = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[');
        string origin = bracket
            ? string.Create(CultureInfo.InvariantCulture, $"{Scheme}://[{host}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Scheme}://{host}:{Port}");
        return string.IsNullOrEmpty(TransportIdentity) ? origin : $"{origin} ({TransportIdentity})";
    }

    internal void Validate(string paramName)
    {
        if (string.IsNullOrEmpty(Scheme) || string.IsNullOrEmpty(Host) || TransportIdentity is null)
        {
            throw new ArgumentException("The key needs a scheme, a host and a transport identity.", paramName);
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(paramName, Port, "The port must be between 0 and 65535.");
        }
    }
}
