using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Bodies;

namespace Reqivo;

/// <summary>
/// A <c>multipart/form-data</c> body (RFC 7578) built part by part: text fields, bytes, streams and files. Files are
/// read from disk while the request is sent, block by block, never held in memory.
/// </summary>
/// <remarks>
/// <para>
/// The body is sent with <c>Content-Length</c> when every part's length is known (fields, bytes, files, seekable
/// streams or streams given a length), otherwise chunked. It is replayable (for retries and 307/308 redirects) when
/// every part is: fields, bytes and files always are, streams when they can seek.
/// </para>
/// <para>
/// The boundary is random unless given. In-memory content is checked not to contain it; caller streams and files
/// cannot be checked without reading them first, which a random boundary makes unnecessary. Names and file names
/// are sent as UTF-8 with CR, LF and '"' percent-encoded, as browsers do. Not thread-safe: build the body, then
/// send it, and do not add parts while a request with it is being sent.
/// </para>
/// </remarks>
public sealed class MultipartFormBody : RequestBody
{
    private const string DefaultContentType = "application/octet-stream";
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private readonly List<MultipartPart> _parts = [];
    private readonly string _boundary;
    private readonly byte[] _boundaryBytes;
    private readonly byte[] _closing;

    /// <summary>Creates an empty form with a random boundary.</summary>
    public MultipartFormBody()
        : this(MultipartHeaders.NewBoundary())
    {
    }

    /// <summary>Creates an empty form with the given boundary (for reproducible bytes, as in tests).</summary>
    /// <param name="boundary">1 to 70 ASCII letters, digits or <c>'+_-.</c> characters.</param>
    public MultipartFormBody(string boundary)
        : base("multipart/form-data; boundary=" + Validate(boundary))
    {
        _boundary = boundary;
        _boundaryBytes = Encoding.ASCII.GetBytes(boundary);
        _closing = MultipartHeaders.Closing(boundary);
    }

    /// <summary>The boundary that separates the parts.</summary>
    public string Boundary => _boundary;

    /// <summary>The number of parts added so far.</summary>
    public int Count => _parts.Count;

    /// <inheritdoc/>
    public override long? Length
    {
        get
        {
            long total = _closing.Length;
            foreach (MultipartPart part in _parts)
            {
                if (part.ContentLength is not { } length)
                {
                    return null;
                }

                // Head, content, and the CRLF that precedes the next delimiter (RFC 2046 §5.1.1).
                total += part.Head.Length + length + 2;
            }

            return total;
        }
    }

    /// <inheritdoc/>
    public override bool IsReplayable => _parts.TrueForAll(static part => part.IsReplayable);

    /// <summary>Adds a text field, sent as UTF-8 without a Content-Type, as browsers send form fields.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The field value.</param>
    /// <returns>This body, to chain calls.</returns>
    /// <exception cref="ArgumentException">The value contains the boundary.</exception>
    public MultipartFormBody AddField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddInMemory(name, Encoding.UTF8.GetBytes(value), fileName: null, contentType: null);
    }

    /// <summary>Adds bytes, as a file when <paramref name="fileName"/> is given. The memory is not copied: do not change it until the request is sent.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="fileName">The file name to announce, or null for none.</param>
    /// <param name="contentType">The part's media type.</param>
    /// <returns>This body, to chain calls.</returns>
    /// <exception cref="ArgumentException">The content contains the boundary.</exception>
    public MultipartFormBody AddBytes(string name, ReadOnlyMemory<byte> content, string? fileName = null, string contentType = DefaultContentType) =>
        AddInMemory(name, content, fileName, contentType);

    /// <summary>
    /// Adds a stream read from its current position while the request is sent. The stream is not disposed. Its length
    /// is <paramref name="length"/>, else the remaining length of a seekable stream, else unknown (the body is then chunked).
    /// </summary>
    /// <param name="name">The field name.</param>
    /// <param name="content">The stream to read.</param>
    /// <param name="fileName">The file name to announce, or null for none.</param>
    /// <param name="contentType">The part's media type.</param>
    /// <param name="length">The number of bytes to send, or null.</param>
    /// <returns>This body, to chain calls.</returns>
    public MultipartFormBody AddStream(string name, Stream content, string? fileName = null, string contentType = DefaultContentType, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanRead)
        {
            throw new ArgumentException("The part's stream cannot be read.", nameof(content));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length ?? 0, nameof(length));
        _parts.Add(new StreamPart(MultipartHeaders.PartHead(_boundary, name, fileName, contentType), content, length));
        return this;
    }

    /// <summary>
    /// Adds a file from disk, streamed while the request is sent (opened anew for each attempt, so replayable).
    /// Its length is taken now; a file whose length changes before it is sent fails the request.
    /// </summary>
    /// <param name="name">The field name.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="fileName">The file name to announce, or null for the path's file name.</param>
    /// <param name="contentType">The part's media type.</param>
    /// <returns>This body, to chain calls.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public MultipartFormBody AddFile(string name, string path, string? fileName = null, string contentType = DefaultContentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException("The file to send does not exist.", path);
        }

        byte[] head = MultipartHeaders.PartHead(_boundary, name, fileName ?? file.Name, contentType);
        _parts.Add(new FilePart(head, file.FullName, file.Length));
        return this;
    }

    internal override async ValueTask WriteToAsync(IBodySink sink, bool async, CancellationToken cancellationToken)
    {
        using var writer = new CoalescingBodyWriter(sink);
        foreach (MultipartPart part in _parts)
        {
            await writer.WriteAsync(part.Head, async, cancellationToken).ConfigureAwait(false);
            await part.WriteContentAsync(writer, async, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(CrLf, async, cancellationToken).ConfigureAwait(false);
        }

        await writer.WriteAsync(_closing, async, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(async, cancellationToken).ConfigureAwait(false);
    }

    private static string Validate(string boundary)
    {
        MultipartHeaders.ValidateBoundary(boundary);
        return boundary;
    }

    private MultipartFormBody AddInMemory(string name, ReadOnlyMemory<byte> content, string? fileName, string? contentType)
    {
        if (content.Span.IndexOf(_boundaryBytes) >= 0)
        {
            throw new ArgumentException("The part's content contains the multipart boundary; choose another boundary.", nameof(content));
        }

        _parts.Add(new MemoryPart(MultipartHeaders.PartHead(_boundary, name, fileName, contentType), content));
        return this;
    }
}
