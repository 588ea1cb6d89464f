namespace Reqivo.Protocol.WebSockets;

/// <summary>
/// The permessage-deflate parameters agreed in a handshake (RFC 7692 §7.1): what the compressor and decompressor of
/// one connection must honour. Produced by <see cref="PerMessageDeflateNegotiation.Accept"/>.
/// </summary>
public sealed class PerMessageDeflateParameters
{
    /// <summary>Creates agreed parameters.</summary>
    /// <param name="clientNoContextTakeover">The client resets its compression context for every message.</param>
    /// <param name="serverNoContextTakeover">The server resets its compression context for every message.</param>
    /// <param name="clientMaxWindowBits">The client's LZ77 window, 8 to 15 bits.</param>
    /// <param name="serverMaxWindowBits">The server's LZ77 window, 8 to 15 bits.</param>
    public PerMessageDeflateParameters(bool clientNoContextTakeover, bool serverNoContextTakeover, int clientMaxWindowBits, int serverMaxWindowBits)
    {
        PerMessageDeflateNegotiation.ThrowIfInvalidWindowBits(clientMaxWindowBits, nameof(clientMaxWindowBits));
        PerMessageDeflateNegotiation.ThrowIfInvalidWindowBits(serverMaxWindowBits, nameof(serverMaxWindowBits));
        ClientNoContextTakeover = clientNoContextTakeover;
        ServerNoContextTakeover = serverNoContextTakeover;
        ClientMaxWindowBits = clientMaxWindowBits;
        ServerMaxWindowBits = serverMaxWindowBits;
    }

    /// <summary>The defaults of RFC 7692 when the response carries no parameter: context takeover, 15-bit windows.</summary>
    public static PerMessageDeflateParameters Default { get; } = new(false, false, 15, 15);

    /// <summary>The client compresses every message with a fresh context (RFC 7692 §7.1.1.2).</summary>
    public bool ClientNoContextTakeover { get; }

    /// <summary>The server compresses every message with a fresh context, so the client may inflate each on its own (RFC 7692 §7.1.1.1).</summary>
    public bool ServerNoContextTakeover { get; }

    /// <summary>The client's LZ77 window is at most 2^n bytes (RFC 7692 §7.1.2.2).</summary>
    public int ClientMaxWindowBits { get; }

    /// <summary>The server's LZ77 window is at most 2^n bytes (RFC 7692 §7.1.2.1).</summary>
    public int ServerMaxWindowBits { get; }
}
