using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>A body held in memory: known length, replayable, sent in one write with the head when small.</summary>
internal sealed class BytesBody(ReadOnlyMemory<byte> bytes, string? contentType) : RequestBody(contentType)
{
    public override long? Length => bytes.Length;

    public override bool IsReplayable => true;

    internal override ValueTask WriteToAsync(IBodySink sink, bool async, CancellationToken cancellationToken) =>
        bytes.IsEmpty ? default : sink.WriteAsync(bytes, async, cancellationToken);

    internal override bool TryGetMemory(out ReadOnlyMemory<byte> memory)
    {
        memory = bytes;
        return true;
    }
}
