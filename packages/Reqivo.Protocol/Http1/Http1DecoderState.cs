namespace Reqivo.Protocol.Http1;

/// <summary>Where an <see cref="Http1ResponseDecoder"/> is in the response it decodes.</summary>
public enum Http1DecoderState
{
    /// <summary>No response was begun yet.</summary>
    Idle,

    /// <summary>Waiting for (the rest of) a status line, including after an interim response.</summary>
    StatusLine,

    /// <summary>Reading the field section of a response head.</summary>
    Headers,

    /// <summary>The head was decoded; reading the body (or about to report the end of a bodiless message).</summary>
    Body,

    /// <summary>Reading the trailer section of a chunked body, or about to report the end after it.</summary>
    Trailers,

    /// <summary>The response is complete; <see cref="Http1ResponseDecoder.BeginResponse"/> starts the next one.</summary>
    Done,

    /// <summary>
    /// The response switched protocols (101, or a 2xx response to CONNECT): the bytes after the head belong to the
    /// new protocol and the decoder accepts no more input.
    /// </summary>
    Upgraded,

    /// <summary>The peer broke the protocol and a <see cref="ProtocolException"/> was thrown; the connection must be closed.</summary>
    Failed,
}
