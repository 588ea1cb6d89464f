using System;

namespace Reqivo.Protocol.Http1;

/// <summary>
/// How the content of a request is delimited (RFC 9112 §6). The request writer turns it into the one
/// framing field of the head, so a request can never carry two conflicting ones.
/// </summary>
/// <remarks><c>default(RequestFraming)</c> is <see cref="None"/>.</remarks>
public readonly record struct RequestFraming
{
    private RequestFraming(RequestFramingKind kind, long length)
    {
        Kind = kind;
        Length = length;
    }

    /// <summary>No content and no framing field: the request ends with its head (RFC 9112 §6.3 (6)).</summary>
    public static RequestFraming None => default;

    /// <summary>Content sent with the chunked transfer coding: <c>Transfer-Encoding: chunked</c> (RFC 9112 §7.1).</summary>
    public static RequestFraming Chunked => new(RequestFramingKind.Chunked, 0);

    /// <summary>Which framing field, if any, the head carries.</summary>
    public RequestFramingKind Kind { get; }

    /// <summary>The content length in bytes when <see cref="Kind"/> is <see cref="RequestFramingKind.ContentLength"/>; 0 otherwise.</summary>
    public long Length { get; }

    /// <summary>Content of exactly <paramref name="length"/> bytes: <c>Content-Length: length</c> (RFC 9112 §6.2).</summary>
    /// <param name="length">The number of content bytes; 0 is allowed and announces empty content.</param>
    /// <returns>The framing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static RequestFraming ContentLength(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new RequestFraming(RequestFramingKind.ContentLength, length);
    }

    /// <summary>
    /// Chooses the framing for a body: <see cref="None"/> without a body, <c>Content-Length</c> when its length
    /// is known (including 0, RFC 9110 §8.6), chunked when it is not (RFC 9112 §6.1).
    /// </summary>
    /// <param name="knownLength">The body length when known in advance; null when it is not.</param>
    /// <param name="hasBody">Whether the request carries a body at all.</param>
    /// <returns>The framing.</returns>
    /// <exception cref="ArgumentException">There is no body but <paramref name="knownLength"/> is not null or 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="knownLength"/> is negative.</exception>
    public static RequestFraming ForBody(long? knownLength, bool hasBody)
    {
        if (!hasBody)
        {
            if (knownLength is not (null or 0))
            {
                throw new ArgumentException(
                    $"A request without a body cannot have a length of {knownLength.Value} bytes.",
                    nameof(knownLength));
            }

            return None;
        }

        return knownLength is { } length ? ContentLength(length) : Chunked;
    }
}
