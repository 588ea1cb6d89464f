using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>
/// A streamed response body without a connection: hands out the given blocks in order, then the end (an empty
/// block), and records how it was read (sync or async) and whether it was disposed.
/// </summary>
internal sealed class ScriptedContent(long? length, params byte[][] blocks) : ResponseContent
{
    private int _next;

    /// <summary>A body of the given blocks whose length is announced as their total.</summary>
    public static ScriptedContent WithLength(params byte[][] blocks)
    {
        long total = 0;
        foreach (byte[] block in blocks)
        {
            total += block.Length;
        }

        return new ScriptedContent(total, blocks);
    }

    /// <summary>The <c>async</c> argument of every read, in order.</summary>
    public List<bool> ReadModes { get; } = [];

    /// <summary>How many blocks (the end excluded) were handed out.</summary>
    public int BlocksRead => Math.Min(_next, blocks.Length);

    public bool Disposed { get; private set; }

    public override long? Length => length;

    /// <summary>Whether the end (the empty block) was handed out.</summary>
    public override bool IsComplete => _next > blocks.Length;

    public override ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        ReadModes.Add(async);
        int index = _next++;
        return new ValueTask<ReadOnlyMemory<byte>>(index < blocks.Length ? blocks[index] : ReadOnlyMemory<byte>.Empty);
    }

    public override void Dispose() => Disposed = true;
}
