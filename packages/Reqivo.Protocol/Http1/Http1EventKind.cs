namespace Reqivo.Protocol.Http1;

/// <summary>What one call of <see cref="Http1ResponseDecoder.Decode"/> produced.</summary>
public enum Http1EventKind
{
    /// <summary>
    /// The input holds no complete event. The decoder used the bytes it reported as consumed; keep the rest,
    /// append more bytes from the peer and call again.
    /// </summary>
    NeedMoreData,

    /// <summary>An interim (1xx other than 101) response head is in <see cref="Http1ResponseDecoder.Head"/>; the final response follows.</summary>
    InterimResponse,

    /// <summary>The final response head is in <see cref="Http1ResponseDecoder.Head"/>.</summary>
    ResponseHead,

    /// <summary>Body bytes are in the <c>bodyData</c> output: a slice of the input, valid until the caller reuses its buffer.</summary>
    BodyData,

    /// <summary>The trailer section of a chunked body is in <see cref="Http1ResponseDecoder.Trailers"/>; raised only when it holds a field.</summary>
    Trailers,

    /// <summary>The response is complete; call <see cref="Http1ResponseDecoder.BeginResponse"/> before the next one.</summary>
    EndOfMessage,
}
