using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Reqivo.Transport;

/// <summary>
/// Where a transport connects: a TCP host and port, or a Unix domain socket path. Immutable, compared by value
/// (host names case-insensitively), safe to share between threads and to use as a dictionary key.
/// </summary>
/// <remarks>
/// <see cref="Host"/> is what upper layers use for TLS server name indication and certificate validation, also
/// for a Unix domain socket (where it defaults to <c>localhost</c>). IPv6 literals are stored without brackets.
/// </remarks>
public sealed class TransportEndpoint : IEquatable<TransportEndpoint>
{
    private static readonly SearchValues<char> DottedDecimal = SearchValues.Create("0123456789.");
    private readonly string _display;

    private TransportEndpoint(string host, int port, string? unixSocketPath, IPAddress? address)
    {
        Host = host;
        Port = port;
        UnixSocketPath = unixSocketPath;
        Address = address;
        _display = unixSocketPath is not null
            ? "unix:" + unixSocketPath
            : address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>A TCP endpoint.</summary>
    /// <param name="host">A DNS name or an IP literal; an IPv6 literal may be given with or without brackets.</param>
    /// <param name="port">The TCP port, 1 to 65535.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty or contains whitespace or control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is out of range.</exception>
    public static TransportEndpoint Tcp(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (host[0] == '[')
        {
            if (host.Length < 3 || host[^1] != ']' || !IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out IPAddress? bracketed)
                || bracketed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new ArgumentException("A bracketed host must be an IPv6 literal.", nameof(host));
            }

            return new TransportEndpoint(host[1..^1], port, null, bracketed);
        }

        ThrowIfNotHostText(host, nameof(host));
        return new TransportEndpoint(host, port, null, ParseLiteral(host));
    }

    /// <summary>A Unix domain socket endpoint.</summary>
    /// <param name="path">The socket's file system path.</param>
    /// <param name="host">The host name upper layers use for TLS server name indication and the <c>Host</c> header.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> or <paramref name="host"/> is empty, or <paramref name="host"/> contains whitespace or control characters.</exception>
    public static TransportEndpoint UnixSocket(string path, string host = "localhost")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ThrowIfNotHostText(host, nameof(host));
        return new TransportEndpoint(host, 0, path, null);
    }

    /// <summary>The host name or IP literal (IPv6 without brackets); for a Unix domain socket, the name given for TLS and <c>Host</c>.</summary>
    public string Host { get; }

    /// <summary>The TCP port; 0 for a Unix domain socket.</summary>
    public int Port { get; }

    /// <summary>The socket path when this is a Unix domain socket endpoint, otherwise <see langword="null"/>.</summary>
    public string? UnixSocketPath { get; }

    /// <summary>Whether this is a Unix domain socket endpoint.</summary>
    public bool IsUnixSocket => UnixSocketPath is not null;

    /// <summary>The parsed address when <see cref="Host"/> is an IP literal: such hosts skip name resolution.</summary>
    internal IPAddress? Address { get; }

    /// <inheritdoc/>
    public bool Equals(TransportEndpoint? other) =>
        other is not null
        && Port == other.Port
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(UnixSocketPath, other.UnixSocketPath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TransportEndpoint);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port, UnixSocketPath);

    /// <summary><c>host:port</c>, <c>[v6]:port</c> or <c>unix:/path</c>.</summary>
    /// <returns>The endpoint as text.</returns>
    public override string ToString() => _display;

    // Only the canonical forms count as literals: dotted-quad IPv4 and IPv6 (which always has a colon). Shorthands
    // such as "127.1" are left to the resolver, which treats them as the operating system does.
    private static IPAddress? ParseLiteral(string host)
    {
        bool isIPv6 = host.Contains(':', StringComparison.Ordinal);
        bool isDottedQuad = host.AsSpan().Count('.') == 3 && !host.AsSpan().ContainsAnyExcept(DottedDecimal);
        return (isIPv6 || isDottedQuad) && IPAddress.TryParse(host, out IPAddress? address) ? address : null;
    }

    private static void ThrowIfNotHostText(string host, string paramName)
    {
        foreach (char c in host)
        {
            if (c <= ' ' || c == '\u007f')
            {
                throw new ArgumentException("A host must not contain whitespace or control characters.", paramName);
            }
        }
    }
}
