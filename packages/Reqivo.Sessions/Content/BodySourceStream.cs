using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;

namespace Reqivo.Content;

/// <summary>
/// A read-only stream over a body source's blocks, so the decoders can read a streamed response. Disposing it does not
/// release the source: the <see cref="DecodedResponseContent"/> that owns both does.
/// </summary>
internal sealed class BodySourceStream(IBodySource source) : ReadOnlyStreamBase
{
    private ReadOnlyMemory<byte> _block;
    private bool _ended;

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty || _ended)
        {
            return 0;
        }

        if (_block.IsEmpty)
        {
            _block = await source.ReadBlockAsync(async, cancellationToken).ConfigureAwait(false);
            if (_block.IsEmpty)
            {
                _ended = true;
                return 0;
            }
        }

        int count = Math.Min(buffer.Length, _block.Length);
        _block.Span[..count].CopyTo(buffer.Span);
        _block = _block[count..];
        return count;
    }
}
