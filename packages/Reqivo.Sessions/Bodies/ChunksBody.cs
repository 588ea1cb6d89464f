using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>A chunked body from a synchronous sequence; enumerated once, so not replayable.</summary>
internal sealed class ChunksBody : RequestBody
{
    private readonly IEnumerable<ReadOnlyMemory<byte>> _chunks;
    private bool _written;

    public ChunksBody(IEnumerable<ReadOnlyMemory<byte>> chunks, string? contentType)
        : base(contentType)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _chunks = chunks;
    }

    public override long? Length => null;

    public override bool IsReplayable => false;

    internal override async ValueTask WriteToAsync(IBodySink sink, bool async, CancellationToken cancellationToken)
    {
        if (_written)
        {
            throw new InvalidOperationException("A request body made of a sequence of chunks can be sent only once.");
        }

        _written = true;
        foreach (ReadOnlyMemory<byte> chunk in _chunks)
        {
            if (!chunk.IsEmpty)
            {
                await sink.WriteAsync(chunk, async, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
