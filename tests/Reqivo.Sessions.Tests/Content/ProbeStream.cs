using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Sessions.Tests.Support;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// A forward-only stream over bytes that hands out at most <c>maxRead</c> bytes per read, records disposal, and fails
/// any read made through the API of the other mode (so a sync path that sneaks in async calls, or the reverse, fails).
/// </summary>
internal sealed class ProbeStream(byte[] bytes, bool async, int maxRead = int.MaxValue) : ReadOnlyTestStream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public bool Disposed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Assert.False(async, "A synchronous read reached a stream read in async mode.");
        return _inner.Read(buffer[..Math.Min(buffer.Length, maxRead)]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Assert.True(async, "An asynchronous read reached a stream read in sync mode.");
        await Task.Yield();
        return _inner.Read(buffer.Span[..Math.Min(buffer.Length, maxRead)]);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
