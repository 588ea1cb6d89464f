namespace Reqivo.Protocol.WebSockets;

/// <summary>Which rule of the opening handshake (RFC 6455 §4.1, RFC 7692 §5) the server's response broke.</summary>
public enum WebSocketHandshakeError
{
    /// <summary>The status is not 101 Switching Protocols (RFC 6455 §4.1, client step 1).</summary>
    UnexpectedStatusCode = 1,

    /// <summary>The Upgrade field is missing or is not <c>websocket</c> (RFC 6455 §4.1, client step 2).</summary>
    InvalidUpgrade,

    /// <summary>The Connection field is missing or has no <c>upgrade</c> option (RFC 6455 §4.1, client step 3).</summary>
    InvalidConnection,

    /// <summary>Sec-WebSocket-Accept is missing, repeated or does not match the key (RFC 6455 §4.1, client step 4).</summary>
    InvalidAccept,

    /// <summary>Sec-WebSocket-Protocol names a subprotocol the client did not offer, or more than one (RFC 6455 §4.1, client step 6).</summary>
    UnexpectedSubprotocol,

    /// <summary>Sec-WebSocket-Extensions does not follow the grammar of RFC 6455 §9.1.</summary>
    MalformedExtensions,

    /// <summary>The server selected an extension the client did not offer (RFC 6455 §4.1, client step 5).</summary>
    UnexpectedExtension,

    /// <summary>The server selected the same extension twice (RFC 7692 §5: one permessage-deflate per response).</summary>
    DuplicateExtension,

    /// <summary>The server's extension parameters are unknown, repeated, invalid or not what was offered (RFC 7692 §7.1).</summary>
    InvalidExtensionParameters,
}
