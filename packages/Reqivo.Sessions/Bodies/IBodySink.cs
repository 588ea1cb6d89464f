using System;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Bodies;

/// <summary>Where a request body writes its bytes; the connection behind it applies the framing (length or chunked).</summary>
internal interface IBodySink
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken);
}
