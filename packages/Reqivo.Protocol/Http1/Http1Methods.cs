using System;

namespace Reqivo.Protocol.Http1;

/// <summary>The registered methods the writer knows, with their request-line bytes ready to copy.</summary>
internal static class Http1Methods
{
    /// <summary><c>CONNECT</c> (RFC 9110 §9.3.6).</summary>
    public const string Connect = "CONNECT";

    /// <summary><c>OPTIONS</c> (RFC 9110 §9.3.7).</summary>
    public const string Options = "OPTIONS";

    /// <summary><c>TRACE</c> (RFC 9110 §9.3.8).</summary>
    public const string Trace = "TRACE";

    /// <summary>
    /// The UTF-8 bytes of a well-known method, or empty for any other. Methods are case-sensitive
    /// (RFC 9110 §9.1), so <c>get</c> is not <c>GET</c> and is written as given.
    /// </summary>
    public static ReadOnlySpan<byte> KnownUtf8(string method) => method switch
    {
        "GET" => "GET"u8,
        "POST" => "POST"u8,
        "PUT" => "PUT"u8,
        "DELETE" => "DELETE"u8,
        "HEAD" => "HEAD"u8,
        "OPTIONS" => "OPTIONS"u8,
        "PATCH" => "PATCH"u8,
        "CONNECT" => "CONNECT"u8,
        "TRACE" => "TRACE"u8,
        _ => [],
    };
}
