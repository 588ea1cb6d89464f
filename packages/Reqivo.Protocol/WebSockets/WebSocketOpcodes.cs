namespace Reqivo.Protocol.WebSockets;

/// <summary>Classification of opcodes (RFC 6455 §5.2, §5.5, §5.6).</summary>
internal static class WebSocketOpcodes
{
    /// <summary>Control frames have opcodes whose most significant bit is set: 0x8–0xF (RFC 6455 §5.5).</summary>
    public static bool IsControl(WebSocketOpcode opcode) => ((byte)opcode & 0x8) != 0;

    /// <summary>Whether the opcode is one RFC 6455 defines (the rest are reserved for further frames).</summary>
    public static bool IsDefined(WebSocketOpcode opcode) => opcode switch
    {
        WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary
            or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong => true,
        _ => false,
    };
}
