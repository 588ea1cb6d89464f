using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;

namespace Reqivo.Internal;

/// <summary>
/// Where a response's body comes from: memory (buffered) or the connection (streamed). Blocks returned by
/// <see cref="ReadBlockAsync"/> stay valid only until the next call; an empty block means the end.
/// </summary>
internal abstract class ResponseContent : IBodySource, IDisposable
{
    /// <summary>The body length announced by the peer, when known.</summary>
    public abstract long? Length { get; }

    /// <summary>The trailer fields, once the end of the body was read.</summary>
    public HttpHeaders? Trailers { get; protected set; }

    /// <summary>Whether the end of the body has been reached.</summary>
    public abstract bool IsComplete { get; }

    public abstract ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken);

    /// <summary>Releases the connection: back to the pool when the body was read to its end, closed otherwise.</summary>
    public abstract void Dispose();
}
