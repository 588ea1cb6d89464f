using System;
using System.Text;

namespace Reqivo.WebSockets;

/// <summary>A whole received data message: its type and its payload (decompressed when permessage-deflate was used).</summary>
/// <remarks>The payload belongs to the message: it stays valid after later receives.</remarks>
public sealed class WebSocketMessage
{
    private readonly byte[] _data;
    private string? _text;

    internal WebSocketMessage(WebSocketMessageType type, byte[] data)
    {
        Type = type;
        _data = data;
    }

    /// <summary>Whether the message is text or binary.</summary>
    public WebSocketMessageType Type { get; }

    /// <summary>The payload bytes (UTF-8 for a text message, already validated).</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>The payload decoded as UTF-8 (decoded once, on first use). For a binary message, its bytes read as UTF-8 with replacement characters.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(_data);

    /// <summary>The payload length in bytes.</summary>
    public int Length => _data.Length;

    /// <summary>The message type and length, and the text of a short text message, for diagnostics.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        Type == WebSocketMessageType.Text && _data.Length <= 64 ? $"Text({_data.Length}): {Text}" : $"{Type}({_data.Length})";
}
