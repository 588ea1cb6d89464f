using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;

namespace Reqivo.Internal;

/// <summary>A body already read into memory.</summary>
internal sealed class BufferedContent : ResponseContent
{
    private readonly byte[] _body;
    private bool _read;

    public BufferedContent(byte[] body, HttpHeaders? trailers)
    {
        _body = body;
        Trailers = trailers;
    }

    public byte[] Body => _body;

    public override long? Length => _body.Length;

    public override bool IsComplete => true;

    public override ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken)
    {
        // Handing out the whole array once, then the end, lets streaming readers work on a buffered body too.
        ReadOnlyMemory<byte> block = _read ? ReadOnlyMemory<byte>.Empty : _body;
        _read = true;
        return new ValueTask<ReadOnlyMemory<byte>>(block);
    }

    public override void Dispose()
    {
    }
}
