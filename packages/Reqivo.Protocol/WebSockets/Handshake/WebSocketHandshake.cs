using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The client side of the WebSocket opening handshake (RFC 6455 §4.1, §4.2.2) as pure functions: the key, the
/// request fields of the upgrade, and the validation of the server's response into a
/// <see cref="WebSocketHandshakeResult"/>. No I/O: the caller sends the GET with these fields and passes the
/// response's status and fields back.
/// </summary>
public static class WebSocketHandshake
{
    /// <summary>The GUID RFC 6455 §1.3 appends to the key before hashing.</summary>
    public const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The protocol version a client sends in Sec-WebSocket-Version (RFC 6455 §4.1, §11.3.5).</summary>
    public const string Version = "13";

    internal const string KeyField = "Sec-WebSocket-Key";
    internal const string AcceptField = "Sec-WebSocket-Accept";
    internal const string VersionField = "Sec-WebSocket-Version";
    internal const string ProtocolField = "Sec-WebSocket-Protocol";
    internal const string ExtensionsField = "Sec-WebSocket-Extensions";

    private const int NonceLength = 16;
    private const int KeyLength = 24;
    private const int AcceptLength = 28;

    /// <summary>A fresh Sec-WebSocket-Key: 16 random bytes from a cryptographic generator, base64-encoded (RFC 6455 §4.1).</summary>
    public static string CreateKey()
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RandomNumberGenerator.Fill(nonce);
        return CreateKey(nonce);
    }

    /// <summary>The Sec-WebSocket-Key for a given 16-byte nonce (for deterministic tests; connections use <see cref="CreateKey()"/>).</summary>
    /// <param name="nonce">Exactly 16 bytes.</param>
    public static string CreateKey(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException("The nonce is exactly 16 bytes (RFC 6455 §4.1).", nameof(nonce));
        }

        return Convert.ToBase64String(nonce);
    }

    /// <summary>The Sec-WebSocket-Accept a server must answer <paramref name="key"/> with: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2).</summary>
    /// <param name="key">The Sec-WebSocket-Key that was sent.</param>
    public static string ComputeAccept(string key)
    {
        Span<byte> accept = stackalloc byte[AcceptLength];
        WriteAccept(key, accept);
        return Encoding.ASCII.GetString(accept);
    }

    /// <summary>
    /// Whether <paramref name="accept"/> is the right answer to <paramref name="key"/>, compared in constant time so a
    /// peer learns nothing from how long the check takes.
    /// </summary>
    /// <param name="key">The Sec-WebSocket-Key that was sent.</param>
    /// <param name="accept">The Sec-WebSocket-Accept value received, or null when there was none.</param>
    public static bool IsAcceptValid(string key, string? accept)
    {
        Span<byte> expected = stackalloc byte[AcceptLength];
        WriteAccept(key, expected);
        if (accept is null || accept.Length != AcceptLength)
        {
            return false;
        }

        Span<byte> received = stackalloc byte[AcceptLength];
        for (int i = 0; i < AcceptLength; i++)
        {
            // A non-ASCII character can never match; folding it to 0 keeps the comparison branch-free.
            char c = accept[i];
            received[i] = c < 0x80 ? (byte)c : (byte)0;
        }

        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>
    /// Sets the fields of the upgrade request (RFC 6455 §4.1): Upgrade, Connection, Sec-WebSocket-Key,
    /// Sec-WebSocket-Version, and Sec-WebSocket-Protocol / Sec-WebSocket-Extensions when there is something to offer.
    /// Fields of these names already present are replaced.
    /// </summary>
    /// <param name="headers">The request's fields.</param>
    /// <param name="key">The key from <see cref="CreateKey()"/>.</param>
    /// <param name="subprotocols">Subprotocols to offer, most preferred first; each a token, no duplicates.</param>
    /// <param name="perMessageDeflate">The permessage-deflate offer, or null not to offer compression.</param>
    /// <exception cref="ArgumentException">The key is not 16 bytes in base64, or a subprotocol is not a token or repeats.</exception>
    public static void AddRequestFields(HttpHeaders headers, string key, IReadOnlyList<string>? subprotocols = null, PerMessageDeflateOptions? perMessageDeflate = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ThrowIfInvalidKey(key);
        string? protocols = JoinSubprotocols(subprotocols);
        headers.Set(HttpHeaderNames.Upgrade, "websocket");
        headers.Set(HttpHeaderNames.Connection, "Upgrade");
        headers.Set(KeyField, key);
        headers.Set(VersionField, Version);
        if (protocols is null)
        {
            headers.Remove(ProtocolField);
        }
        else
        {
            headers.Set(ProtocolField, protocols);
        }

        if (perMessageDeflate is null)
        {
            headers.Remove(ExtensionsField);
        }
        else
        {
            headers.Set(ExtensionsField, perMessageDeflate.BuildOffer());
        }
    }

    /// <summary>
    /// Validates the server's response to the upgrade (RFC 6455 §4.1, client steps 1–6; RFC 7692 §5, §7.1) and
    /// returns what was agreed.
    /// </summary>
    /// <param name="statusCode">The response's status code.</param>
    /// <param name="headers">The response's fields.</param>
    /// <param name="key">The Sec-WebSocket-Key that was sent.</param>
    /// <param name="subprotocols">The subprotocols that were offered, or null.</param>
    /// <param name="perMessageDeflate">The permessage-deflate offer that was sent, or null.</param>
    /// <exception cref="WebSocketHandshakeException">The response is not a valid acceptance; it carries the status and fields.</exception>
    public static WebSocketHandshakeResult ValidateResponse(
        int statusCode,
        HttpHeaders headers,
        string key,
        IReadOnlyList<string>? subprotocols = null,
        PerMessageDeflateOptions? perMessageDeflate = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(key);
        var response = new WebSocketHandshakeResponse(statusCode, headers);
        response.CheckStatusAndUpgrade();
        if (!IsAcceptValid(key, response.SingleValue(AcceptField)))
        {
            // RFC 6455 §4.1 (4): "If the response lacks a |Sec-WebSocket-Accept| header field or the
            // |Sec-WebSocket-Accept| contains a value other than [the expected one] ... the client MUST _Fail_".
            throw response.Fail(WebSocketHandshakeError.InvalidAccept, "Sec-WebSocket-Accept is missing, repeated or does not match the key");
        }

        string? subprotocol = response.SelectedSubprotocol(subprotocols);
        (IReadOnlyList<WebSocketExtension> extensions, PerMessageDeflateParameters? deflate) = response.AcceptedExtensions(perMessageDeflate);
        return new WebSocketHandshakeResult(subprotocol, extensions, deflate);
    }

    private static void WriteAccept(string key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        int length = Encoding.UTF8.GetByteCount(key) + AcceptGuid.Length;
        byte[]? rented = null;
        Span<byte> input = length <= 256 ? stackalloc byte[256] : (rented = new byte[length]);
        int written = Encoding.UTF8.GetBytes(key, input);
        written += Encoding.ASCII.GetBytes(AcceptGuid, input.Slice(written));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];

        // RFC 6455 §4.2.2 (5.4) prescribes SHA-1; it is a handshake checksum here, not a security primitive.
#pragma warning disable CA5350
        SHA1.HashData(input.Slice(0, written), hash);
#pragma warning restore CA5350
        Base64.EncodeToUtf8(hash, destination, out _, out _);
    }

    private static void ThrowIfInvalidKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> decoded = stackalloc byte[NonceLength + 2];
        if (key.Length != KeyLength || !Convert.TryFromBase64String(key, decoded, out int bytes) || bytes != NonceLength)
        {
            throw new ArgumentException("Sec-WebSocket-Key is 16 bytes in base64 (RFC 6455 §4.1); use WebSocketHandshake.CreateKey().", nameof(key));
        }
    }

    private static string? JoinSubprotocols(IReadOnlyList<string>? subprotocols)
    {
        if (subprotocols is null || subprotocols.Count == 0)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string protocol in subprotocols)
        {
            // RFC 6455 §4.1 (10): "elements that comprise this value MUST be non-empty strings with characters in the
            // range U+0021 to U+007E not including separator characters ... and MUST all be unique strings."
            if (protocol is null || !FieldSyntax.IsToken(protocol))
            {
                throw new ArgumentException($"The subprotocol '{FieldSyntax.Printable(protocol ?? string.Empty)}' is not a token (RFC 6455 §4.1).", nameof(subprotocols));
            }

            if (!seen.Add(protocol))
            {
                throw new ArgumentException($"The subprotocol '{protocol}' is offered twice (RFC 6455 §4.1).", nameof(subprotocols));
            }
        }

        return string.Join(", ", subprotocols);
    }
}
