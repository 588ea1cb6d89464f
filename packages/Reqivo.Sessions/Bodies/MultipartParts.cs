using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>One part of a multipart/form-data body: its head (boundary line and header fields) and its content.</summary>
internal abstract class MultipartPart(byte[] head)
{
    /// <summary>The delimiter line, the header fields and the empty line that ends them.</summary>
    public byte[] Head { get; } = head;

    /// <summary>The content's length, or null when unknown.</summary>
    public abstract long? ContentLength { get; }

    public abstract bool IsReplayable { get; }

    public abstract ValueTask WriteContentAsync(CoalescingBodyWriter writer, bool async, CancellationToken cancellationToken);
}

/// <summary>Content held in memory: a text field or bytes.</summary>
internal sealed class MemoryPart(byte[] head, ReadOnlyMemory<byte> content) : MultipartPart(head)
{
    public override long? ContentLength => content.Length;

    public override bool IsReplayable => true;

    public override ValueTask WriteContentAsync(CoalescingBodyWriter writer, bool async, CancellationToken cancellationToken) =>
        writer.WriteAsync(content, async, cancellationToken);
}

/// <summary>Content read from a caller's stream from its position at the time it was added; replayable when it can seek.</summary>
internal sealed class StreamPart : MultipartPart
{
    private readonly Stream _stream;
    private readonly long _start;
    private readonly long? _length;
    private bool _written;

    public StreamPart(byte[] head, Stream stream, long? length)
        : base(head)
    {
        _stream = stream;
        _start = stream.CanSeek ? stream.Position : 0;
        _length = length ?? (stream.CanSeek ? stream.Length - _start : null);
    }

    public override long? ContentLength => _length;

    public override bool IsReplayable => _stream.CanSeek;

    public override async ValueTask WriteContentAsync(CoalescingBodyWriter writer, bool async, CancellationToken cancellationToken)
    {
        if (_written)
        {
            if (!_stream.CanSeek)
            {
                throw new InvalidOperationException("A multipart part's stream was already sent and cannot seek, so the body cannot be sent again.");
            }

            _stream.Position = _start;
        }

        _written = true;
        long copied = await writer.CopyFromAsync(_stream, _length, async, cancellationToken).ConfigureAwait(false);
        if (copied != (_length ?? copied))
        {
            throw new InvalidOperationException($"A multipart part's stream ended after {copied} of the {_length} bytes declared as its length.");
        }
    }
}

/// <summary>Content read from a file, opened anew for every write and streamed through the writer's block, never held whole.</summary>
internal sealed class FilePart(byte[] head, string path, long length) : MultipartPart(head)
{
    public override long? ContentLength => length;

    public override bool IsReplayable => true;

    public override async ValueTask WriteContentAsync(CoalescingBodyWriter writer, bool async, CancellationToken cancellationToken)
    {
        // bufferSize 1 turns FileStream's own buffer off: the writer's block is the only one.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, async ? FileOptions.Asynchronous | FileOptions.SequentialScan : FileOptions.SequentialScan);
        try
        {
            if (file.Length != length)
            {
                throw new InvalidOperationException($"The file '{path}' changed length from {length} to {file.Length} bytes after it was added to the form.");
            }

            long copied = await writer.CopyFromAsync(file, length, async, cancellationToken).ConfigureAwait(false);
            if (copied != length)
            {
                throw new InvalidOperationException($"The file '{path}' ended after {copied} of its {length} bytes.");
            }
        }
        finally
        {
            if (async)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                file.Dispose();
            }
        }
    }
}
