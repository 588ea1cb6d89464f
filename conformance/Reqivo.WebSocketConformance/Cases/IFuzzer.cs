namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Connection state as the case scripts see it (RFC 6455 §4 / §7).</summary>
internal enum ConnectionState
{
    Open,
    Closing,
    Closed,
}

/// <summary>
/// What a case script can do on its connection. Sends are queued in order and written by the connection; timers
/// run their action later on the connection's serialized context, and only while the connection is not closed.
/// </summary>
internal interface IFuzzer
{
    ConnectionState State { get; }

    /// <summary>When positive, messages sent with <see cref="SendMessage"/> are split into frames of this size.</summary>
    int AutoFragmentSize { get; set; }

    bool DeflateActive { get; }

    /// <summary>Frames sent so far, by opcode.</summary>
    IReadOnlyDictionary<int, int> TxFrameStats { get; }

    bool ClosedByMe { get; }

    bool DroppedByMe { get; }

    bool WasClean { get; }

    int? RemoteCloseCode { get; }

    /// <summary>Sends one frame exactly as described; <paramref name="chop"/> writes it in pieces of that size.</summary>
    void SendFrame(int opcode, ReadOnlySpan<byte> payload = default, bool fin = true, int rsv = 0, long? repeatToLength = null, int? chop = null, bool sync = false);

    /// <summary>Sends raw octets (used to split one frame across timed writes).</summary>
    void SendRaw(byte[] octets, bool sync = false);

    /// <summary>Sends a whole message, compressed when permessage-deflate is active, fragmented when asked.</summary>
    void SendMessage(byte[] payload, bool binary, int fragmentSize = 0, int? chop = null);

    /// <summary>Starts the closing handshake (RFC 6455 §5.5.1) unless one is under way; the reason may be any bytes.</summary>
    void SendClose(int? code, byte[]? reason = null);

    void ContinueLater(double seconds, Action action, string? tag = null);

    /// <summary>Fails the connection by dropping TCP after the delay (Autobahn's killAfter).</summary>
    void KillAfter(double seconds);

    /// <summary>Starts the closing handshake after the delay (Autobahn's closeAfter).</summary>
    void CloseAfter(double seconds);
}
