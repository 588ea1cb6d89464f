namespace Reqivo.Protocol.WebSockets;

/// <summary>What one call of <see cref="WebSocketFrameDecoder.Decode"/> produced.</summary>
public enum WebSocketFrameEventKind
{
    /// <summary>
    /// The input holds no complete event. The decoder used the bytes it reported as consumed (none, in practice: a
    /// header or control frame is consumed only once whole); keep the rest, append more bytes and call again.
    /// </summary>
    NeedMoreData,

    /// <summary>
    /// The header of a data frame (text, binary or continuation) was consumed and is in
    /// <see cref="WebSocketFrameDecoder.Header"/>; its payload follows as <see cref="PayloadData"/> events.
    /// </summary>
    DataFrameStart,

    /// <summary>
    /// Payload bytes of the current data frame are in the <c>payload</c> output: a slice of the input, valid until the
    /// caller reuses its buffer. For an uncompressed text message they have passed UTF-8 validation.
    /// </summary>
    PayloadData,

    /// <summary>The current data frame ended and it was not the last of its message (FIN clear).</summary>
    EndOfFrame,

    /// <summary>The current data frame ended with FIN set: the message is complete.</summary>
    EndOfMessage,

    /// <summary>
    /// A whole control frame (Close, Ping or Pong) was consumed: its header is in <see cref="WebSocketFrameDecoder.Header"/>
    /// and its payload (at most 125 bytes) in the <c>payload</c> output. A Close payload has been validated. Control
    /// frames may arrive between the frames of a fragmented message, which then continues.
    /// </summary>
    ControlFrame,
}
