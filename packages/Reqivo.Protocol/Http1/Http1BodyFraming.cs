namespace Reqivo.Protocol.Http1;

/// <summary>How the end of a response body is found (RFC 9112 §6.3).</summary>
public enum Http1BodyFraming
{
    /// <summary>The response has no body: a response to HEAD, a 1xx, 204 or 304 response, or an upgrade.</summary>
    None,

    /// <summary>The body is exactly <see cref="Http1ResponseHead.ContentLength"/> bytes long.</summary>
    ContentLength,

    /// <summary>The body is sent in chunks and ends with the last chunk and the trailer section (RFC 9112 §7.1).</summary>
    Chunked,

    /// <summary>The body ends when the server closes the connection, which therefore cannot be reused.</summary>
    CloseDelimited,
}
