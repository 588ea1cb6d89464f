using System.Collections.Generic;

namespace Reqivo.Protocol.WebSockets;

/// <summary>What a valid 101 response agreed to: the subprotocol, the extensions and the permessage-deflate parameters.</summary>
public sealed class WebSocketHandshakeResult
{
    internal WebSocketHandshakeResult(string? subprotocol, IReadOnlyList<WebSocketExtension> extensions, PerMessageDeflateParameters? perMessageDeflate)
    {
        Subprotocol = subprotocol;
        Extensions = extensions;
        PerMessageDeflate = perMessageDeflate;
    }

    /// <summary>The subprotocol the server selected from the offered ones, or null when it selected none.</summary>
    public string? Subprotocol { get; }

    /// <summary>The extensions in use, in the order the server listed them (which is the order they apply, RFC 6455 §9.1).</summary>
    public IReadOnlyList<WebSocketExtension> Extensions { get; }

    /// <summary>The agreed permessage-deflate parameters, or null when the connection does not compress.</summary>
    public PerMessageDeflateParameters? PerMessageDeflate { get; }
}
