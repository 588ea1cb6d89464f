using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Bodies;

namespace Reqivo;

/// <summary>
/// The body of a request: bytes, text, JSON, a stream or a sequence of chunks. A body with a known
/// <see cref="Length"/> is sent with <c>Content-Length</c>; one without is sent with
/// <c>Transfer-Encoding: chunked</c>.
/// </summary>
/// <remarks>
/// Only bodies that can be produced again (<see cref="IsReplayable"/>) are resent on a retry or a 307/308
/// redirect; a body that cannot be is never resent truncated: the operation fails with a clear error instead.
/// </remarks>
public abstract partial class RequestBody
{
    private protected RequestBody(string? contentType)
    {
        ContentType = contentType;
    }

    /// <summary>The number of bytes the body has, or null when unknown (the body is then sent chunked).</summary>
    public abstract long? Length { get; }

    /// <summary>The media type sent as <c>Content-Type</c> unless the request sets one, or null for none.</summary>
    public string? ContentType { get; }

    /// <summary>Whether the body can be written more than once (for retries and redirects that keep the body).</summary>
    public abstract bool IsReplayable { get; }

    /// <summary>A body of the given bytes. The memory is not copied: do not change it until the request is sent.</summary>
    /// <param name="bytes">The body.</param>
    /// <param name="contentType">The media type, or null to send none.</param>
    public static RequestBody FromBytes(ReadOnlyMemory<byte> bytes, string? contentType = "application/octet-stream") =>
        new BytesBody(bytes, contentType);

    /// <summary>A body of the given text encoded as UTF-8.</summary>
    /// <param name="text">The body.</param>
    /// <param name="contentType">The media type.</param>
    public static RequestBody FromString(string text, string contentType = "text/plain; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new BytesBody(Encoding.UTF8.GetBytes(text), contentType);
    }

    /// <summary>A JSON body serialized with source-generated metadata (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value to serialize.</param>
    /// <param name="typeInfo">The serialization metadata for <typeparamref name="T"/>.</param>
    public static RequestBody FromJson<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new BytesBody(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json; charset=utf-8");

    /// <summary>A JSON body serialized by reflection.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value to serialize.</param>
    /// <param name="options">Serializer options, or null for the web defaults.</param>
    [RequiresUnreferencedCode("Reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
    [RequiresDynamicCode("Reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
#pragma warning disable RS0027 // The JsonTypeInfo overload has as many parameters; options stays optional for the common call FromJson(value).
    public static RequestBody FromJson<T>(T value, JsonSerializerOptions? options = null) =>
#pragma warning restore RS0027
        new BytesBody(JsonSerializer.SerializeToUtf8Bytes(value, options ?? JsonSerializerOptions.Web), "application/json; charset=utf-8");

    /// <summary>
    /// A body read from a stream, from its current position. The stream is not disposed. It is replayable only when
    /// it can seek (it is rewound to the starting position before a second write).
    /// </summary>
    /// <param name="stream">The stream to read.</param>
    /// <param name="length">The number of bytes to send, or null to use the remaining length of a seekable stream (else chunked).</param>
    /// <param name="contentType">The media type, or null to send none.</param>
    public static RequestBody FromStream(Stream stream, long? length = null, string? contentType = "application/octet-stream") =>
        new StreamBody(stream, length, contentType);

    /// <summary>A chunked body produced by a sequence of chunks; not replayable.</summary>
    /// <param name="chunks">The chunks, enumerated once while sending.</param>
    /// <param name="contentType">The media type, or null to send none.</param>
    public static RequestBody FromChunks(IEnumerable<ReadOnlyMemory<byte>> chunks, string? contentType = "application/octet-stream") =>
        new ChunksBody(chunks, contentType);

    /// <summary>A chunked body produced by an asynchronous sequence of chunks; only the asynchronous send methods accept it.</summary>
    /// <param name="chunks">The chunks, enumerated once while sending.</param>
    /// <param name="contentType">The media type, or null to send none.</param>
    public static RequestBody FromAsyncChunks(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, string? contentType = "application/octet-stream") =>
        new AsyncChunksBody(chunks, contentType);

    /// <summary>Whether only the asynchronous send path can write this body (checked before any byte is sent).</summary>
    internal virtual bool RequiresAsync => false;

    /// <summary>Writes the body to the sink; called once per attempt.</summary>
    internal abstract ValueTask WriteToAsync(IBodySink sink, bool async, CancellationToken cancellationToken);

    /// <summary>The bytes of a body that is already in memory, so the connection can send it with the head in one write.</summary>
    internal virtual bool TryGetMemory(out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        return false;
    }
}
