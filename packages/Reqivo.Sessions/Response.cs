using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo;

// The JSON readers come as source-generated (JsonTypeInfo) and reflection (options) overloads with the same
// optional CancellationToken; the backcompat rules about optional parameters do not fit that established pattern.
#pragma warning disable RS0026, RS0027

/// <summary>
/// A response: status, version, header fields and a body that was read into memory (the default) or is read on
/// demand (<see cref="Request.StreamResponse"/>). Dispose it to release its connection: a streamed response
/// whose body was not read to the end closes its connection instead of returning it to the pool.
/// </summary>
/// <remarks>
/// The body can be consumed once when streamed (any of the Read methods); a buffered body can be read any number of
/// times. Not thread-safe.
/// </remarks>
public sealed partial class Response : IDisposable, IAsyncDisposable
{
    private readonly ResponseContent? _content;
    private readonly byte[]? _body;
    private readonly HttpHeaders? _trailers;
    private bool _consumed;
    private bool _disposed;

    /// <summary>A response whose body is in memory (or that has none).</summary>
    internal Response(Request request, Uri uri, Http1ResponseHead head, byte[]? body, HttpHeaders? trailers)
        : this(request, uri, head.StatusCode, head.ReasonPhrase, head.Version, head.Headers, body)
    {
        _trailers = trailers;
    }

    /// <summary>A response whose body is read on demand from <paramref name="content"/>.</summary>
    internal Response(Request request, Uri uri, Http1ResponseHead head, ResponseContent content)
        : this(request, uri, head.StatusCode, head.ReasonPhrase, head.Version, head.Headers, null)
    {
        _content = content;
    }

    private Response(Request request, Uri uri, int statusCode, string reasonPhrase, Version version, HttpHeaders headers, byte[]? body)
    {
        _body = body;
        Request = request;
        Uri = uri;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Version = version;
        Headers = headers;
    }

    /// <summary>The request this response answers.</summary>
    public Request Request { get; }

    /// <summary>The absolute URI the response came from.</summary>
    public Uri Uri { get; }

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase (possibly empty; it carries no meaning, RFC 9112 §4).</summary>
    public string ReasonPhrase { get; }

    /// <summary>The HTTP version of the response.</summary>
    public Version Version { get; }

    /// <summary>The header fields, in the order received.</summary>
    public HttpHeaders Headers { get; }

    /// <summary>The trailer fields, available once the body has been read to its end; null when there were none.</summary>
    public HttpHeaders? Trailers => _content is null ? _trailers : _content.Trailers;

    /// <summary>
    /// The redirect responses that led to this one, earliest first; empty when no redirect was followed. Their
    /// bodies were drained and their connections released before the next request went out, so they can be
    /// inspected (status, headers, <see cref="Uri"/>) but a streamed one can no longer be read.
    /// </summary>
    public IReadOnlyList<Response> History { get; internal set; } = [];

    /// <summary>Whether the status code is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    /// <summary>Whether the body was read into memory before the response was returned (it was not streamed).</summary>
    public bool IsBuffered => _content is null;

    /// <summary>Throws <see cref="HttpStatusException"/> unless the status code is 2xx.</summary>
    /// <returns>This response, for chaining.</returns>
    public Response EnsureSuccess()
    {
        if (!IsSuccess)
        {
            throw new HttpStatusException(StatusCode, ReasonPhrase, Request.Method, UrlRedactor.Redact(Uri));
        }

        return this;
    }

    /// <summary>The body as bytes. A buffered body returns the same array on every call.</summary>
    public byte[] ReadAsBytes() => SyncPath.Result(ReadAsBytesCoreAsync(false, default));

    /// <summary>The body as bytes.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public ValueTask<byte[]> ReadAsBytesAsync(CancellationToken cancellationToken = default) => ReadAsBytesCoreAsync(true, cancellationToken);

    /// <summary>The body decoded as text with the charset of <c>Content-Type</c> (UTF-8 when absent or unknown).</summary>
    public string ReadAsString() => Decode(ReadAsBytes());

    /// <summary>The body decoded as text with the charset of <c>Content-Type</c> (UTF-8 when absent or unknown).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<string> ReadAsStringAsync(CancellationToken cancellationToken = default) =>
        Decode(await ReadAsBytesAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The body deserialized from JSON with source-generated metadata (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="typeInfo">The serialization metadata.</param>
    public T? ReadFromJson<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(ReadAsBytes(), typeInfo);

    /// <summary>The body deserialized from JSON with source-generated metadata (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="typeInfo">The serialization metadata.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<T?> ReadFromJsonAsync<T>(JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        JsonSerializer.Deserialize(await ReadAsBytesAsync(cancellationToken).ConfigureAwait(false), typeInfo);

    /// <summary>The body deserialized from JSON by reflection.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="options">Serializer options, or null for the web defaults.</param>
    [RequiresUnreferencedCode("Reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
    [RequiresDynamicCode("Reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
    public T? ReadFromJson<T>(JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(ReadAsBytes(), options ?? JsonSerializerOptions.Web);

    /// <summary>The body deserialized from JSON by reflection.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="options">Serializer options, or null for the web defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    [RequiresUnreferencedCode("Reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
    [RequiresDynamicCode("Reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
    public async ValueTask<T?> ReadFromJsonAsync<T>(JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        JsonSerializer.Deserialize<T>(await ReadAsBytesAsync(cancellationToken).ConfigureAwait(false), options ?? JsonSerializerOptions.Web);

    /// <summary>
    /// The body in blocks as they arrive. Each block is valid only until the next one is requested: copy what you keep.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> ReadChunks()
    {
        ResponseContent? content = BeginConsuming();
        if (content is null)
        {
            if (_body is { Length: > 0 })
            {
                yield return _body;
            }

            yield break;
        }

        while (true)
        {
            ReadOnlyMemory<byte> block = SyncPath.Result(content.ReadBlockAsync(false, default));
            if (block.IsEmpty)
            {
                yield break;
            }

            yield return block;
        }
    }

    /// <summary>
    /// The body in blocks as they arrive. Each block is valid only until the next one is requested: copy what you keep.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ResponseContent? content = BeginConsuming();
        if (content is null)
        {
            if (_body is { Length: > 0 })
            {
                yield return _body;
            }

            yield break;
        }

        while (true)
        {
            ReadOnlyMemory<byte> block = await content.ReadBlockAsync(true, cancellationToken).ConfigureAwait(false);
            if (block.IsEmpty)
            {
                yield break;
            }

            yield return block;
        }
    }

    /// <summary>The body as lines of UTF-8 text (LF or CRLF terminated; the terminator is not included).</summary>
    public IEnumerable<string> ReadLines()
    {
        var pending = new ArrayBufferWriter<byte>();
        foreach (ReadOnlyMemory<byte> block in ReadChunks())
        {
            foreach (string line in SplitLines(block.Span, pending))
            {
                yield return line;
            }
        }

        if (pending.WrittenCount > 0)
        {
            yield return Encoding.UTF8.GetString(pending.WrittenSpan);
        }
    }

    /// <summary>The body as lines of UTF-8 text (LF or CRLF terminated; the terminator is not included).</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async IAsyncEnumerable<string> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pending = new ArrayBufferWriter<byte>();
        await foreach (ReadOnlyMemory<byte> block in ReadChunksAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (string line in SplitLines(block.Span, pending))
            {
                yield return line;
            }
        }

        if (pending.WrittenCount > 0)
        {
            yield return Encoding.UTF8.GetString(pending.WrittenSpan);
        }
    }

    /// <summary>Releases the connection; a streamed body that was not read to its end closes it.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _content?.Dispose();
        }
    }

    /// <summary>Releases the connection; a streamed body that was not read to its end closes it.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>A one-line summary: status, reason and URL (redacted).</summary>
    public override string ToString() =>
        $"{StatusCode} {ReasonPhrase} {Request.Method} {UrlRedactor.Redact(Uri)}".Replace("  ", " ", StringComparison.Ordinal);

    private async ValueTask<byte[]> ReadAsBytesCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ResponseContent? content = BeginConsuming();
        if (content is null)
        {
            return _body ?? [];
        }

        return await ResponseBuffering.ReadAllAsync(content, Array.MaxLength, async, cancellationToken).ConfigureAwait(false);
    }

    private ResponseContent? BeginConsuming()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_content is not null)
        {
            if (_consumed)
            {
                throw new InvalidOperationException("The streamed response body was already read; it can be read once.");
            }

            _consumed = true;
        }

        return _content;
    }

    private string Decode(byte[] body)
    {
        Encoding encoding = ContentTypeCharset.GetEncoding(Headers.GetCombinedValue(HttpHeaderNames.ContentType)) ?? Encoding.UTF8;
        return encoding.GetString(body);
    }

    private static List<string> SplitLines(ReadOnlySpan<byte> block, ArrayBufferWriter<byte> pending)
    {
        var lines = new List<string>();
        while (!block.IsEmpty)
        {
            int lf = block.IndexOf((byte)'\n');
            if (lf < 0)
            {
                pending.Write(block);
                break;
            }

            pending.Write(block[..lf]);
            ReadOnlySpan<byte> line = pending.WrittenSpan;
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            lines.Add(Encoding.UTF8.GetString(line));
            pending.ResetWrittenCount();
            block = block[(lf + 1)..];
        }

        return lines;
    }
}
