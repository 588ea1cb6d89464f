using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// A forward-only source over bytes that hands out at most <c>maxRead</c> bytes per read, counts reads and disposals,
/// and fails a read made after it already returned its end or after it was disposed (so a layer that reads on after
/// the end, or after disposal, is caught). Reads through the API of the other mode fail as in <see cref="ProbeStream"/>.
/// </summary>
internal sealed class StrictSource(byte[] bytes, bool async, int maxRead = int.MaxValue) : ReadOnlyTestStream
{
    private int _offset;
    private bool _endReturned;

    public int Reads { get; private set; }

    public int Disposals { get; private set; }

    public int AsyncDisposals { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Assert.False(async, "A synchronous read reached a stream read in async mode.");
        return Next(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Assert.True(async, "An asynchronous read reached a stream read in sync mode.");
        await Task.Yield();
        return Next(buffer.Span);
    }

    public override ValueTask DisposeAsync()
    {
        AsyncDisposals++;
        return base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        Disposals++;
        base.Dispose(disposing);
    }

    private int Next(Span<byte> buffer)
    {
        Assert.True(Disposals == 0, "A read reached a disposed source.");
        Assert.False(_endReturned, "A read reached a source that already returned its end.");
        Reads++;
        int count = Math.Min(Math.Min(buffer.Length, maxRead), bytes.Length - _offset);
        bytes.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        _endReturned = count == 0 && !buffer.IsEmpty;
        return count;
    }
}
