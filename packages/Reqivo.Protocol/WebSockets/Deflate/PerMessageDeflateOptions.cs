using System;
using System.Globalization;
using System.Text;

namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// What a client offers for the permessage-deflate extension (RFC 7692) and how it compresses. The defaults offer
/// plain <c>permessage-deflate</c>: context takeover both ways and 32 KiB windows.
/// </summary>
public sealed class PerMessageDeflateOptions
{
    /// <summary>The extension token (RFC 7692 §7).</summary>
    public const string ExtensionName = "permessage-deflate";

    private readonly int? _serverMaxWindowBits;
    private readonly int? _clientMaxWindowBits;
    private readonly int _compressionLevel = 3;
    private readonly int _compressionThreshold = 64;

    /// <summary>
    /// Offer <c>client_no_context_takeover</c>: the client compresses each message on its own (RFC 7692 §7.1.1.2),
    /// trading ratio for memory the server need not keep.
    /// </summary>
    public bool ClientNoContextTakeover { get; init; }

    /// <summary>
    /// Ask for <c>server_no_context_takeover</c>: the server compresses each message on its own (RFC 7692 §7.1.1.1).
    /// A response without it fails the handshake.
    /// </summary>
    public bool ServerNoContextTakeover { get; init; }

    /// <summary>
    /// Ask the server to use an LZ77 window of at most 2^n bytes, 8 to 15, via <c>server_max_window_bits</c>
    /// (RFC 7692 §7.1.2.1); null asks nothing.
    /// </summary>
    public int? ServerMaxWindowBits
    {
        get => _serverMaxWindowBits;
        init => _serverMaxWindowBits = ValidateWindowBits(value, nameof(ServerMaxWindowBits));
    }

    /// <summary>
    /// Offer <c>client_max_window_bits=n</c>, 8 to 15 (RFC 7692 §7.1.2.2): the client compresses with at most a
    /// 2^n-byte window and lets the server ask for a smaller one. Null (the default) does not offer the parameter,
    /// and the client then uses a 32 KiB window.
    /// </summary>
    public int? ClientMaxWindowBits
    {
        get => _clientMaxWindowBits;
        init => _clientMaxWindowBits = ValidateWindowBits(value, nameof(ClientMaxWindowBits));
    }

    /// <summary>
    /// How hard the compressor searches for matches: 0 (no compression, stored blocks) to 9; default 3, which on JSON-like
    /// text is about as fast as zlib at its default level and within a few per cent of the best ratio this encoder reaches.
    /// </summary>
    public int CompressionLevel
    {
        get => _compressionLevel;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 9);
            _compressionLevel = value;
        }
    }

    /// <summary>
    /// Messages shorter than this many bytes are sent uncompressed (RSV1 clear, RFC 7692 §6.1); default 64, because
    /// compressing tiny messages costs more than it saves.
    /// </summary>
    public int CompressionThreshold
    {
        get => _compressionThreshold;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _compressionThreshold = value;
        }
    }

    /// <summary>
    /// The extension offer for Sec-WebSocket-Extensions (RFC 7692 §5), for example
    /// <c>permessage-deflate; server_max_window_bits=10</c>.
    /// </summary>
    public string BuildOffer()
    {
        var offer = new StringBuilder(ExtensionName);
        if (ClientNoContextTakeover)
        {
            offer.Append("; ").Append(PerMessageDeflateNegotiation.ClientNoContextTakeover);
        }

        if (ServerNoContextTakeover)
        {
            offer.Append("; ").Append(PerMessageDeflateNegotiation.ServerNoContextTakeover);
        }

        if (ServerMaxWindowBits is int serverBits)
        {
            offer.Append("; ").Append(PerMessageDeflateNegotiation.ServerMaxWindowBits).Append('=').Append(serverBits.ToString(CultureInfo.InvariantCulture));
        }

        if (ClientMaxWindowBits is int clientBits)
        {
            offer.Append("; ").Append(PerMessageDeflateNegotiation.ClientMaxWindowBits).Append('=').Append(clientBits.ToString(CultureInfo.InvariantCulture));
        }

        return offer.ToString();
    }

    private static int? ValidateWindowBits(int? value, string name)
    {
        if (value is int bits && (bits < PerMessageDeflateNegotiation.MinWindowBits || bits > PerMessageDeflateNegotiation.MaxWindowBits))
        {
            throw new ArgumentOutOfRangeException(name, bits, "A window size is 8 to 15 bits (RFC 7692 §7.1.2).");
        }

        return value;
    }
}
