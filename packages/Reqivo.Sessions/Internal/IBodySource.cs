using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;

namespace Reqivo.Internal;

/// <summary>Something a response body can be pulled from, block by block; an empty block is the end.</summary>
internal interface IBodySource
{
    /// <summary>The body length announced by the peer, when known.</summary>
    long? Length { get; }

    /// <summary>The trailer fields, once the end of the body was read.</summary>
    HttpHeaders? Trailers { get; }

    /// <summary>The next block, valid until the next call; empty at the end of the body.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken);
}
