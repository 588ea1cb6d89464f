using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>A chunked body from an asynchronous sequence; only the async send path can enumerate it without blocking on a task.</summary>
internal sealed class AsyncChunksBody : RequestBody
{
    private readonly IAsyncEnumerable<ReadOnlyMemory<byte>> _chunks;
    private bool _written;

    public AsyncChunksBody(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, string? contentType)
        : base(contentType)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _chunks = chunks;
    }

    public override long? Length => null;

    public override bool IsReplayable => false;

    internal override bool RequiresAsync => true;

    internal override async ValueTask WriteToAsync(IBodySink sink, bool async, CancellationToken cancellationToken)
    {
        if (!async)
        {
            // Enumerating an async sequence from a sync call would be sync-over-async.
            throw new InvalidOperationException("A request body made of an IAsyncEnumerable can only be sent with an asynchronous method (SendAsync, PostAsync, ...).");
        }

        if (_written)
        {
            throw new InvalidOperationException("A request body made of a sequence of chunks can be sent only once.");
        }

        _written = true;
        await foreach (ReadOnlyMemory<byte> chunk in _chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!chunk.IsEmpty)
            {
                await sink.WriteAsync(chunk, true, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
