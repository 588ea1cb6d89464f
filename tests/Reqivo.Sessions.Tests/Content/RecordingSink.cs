using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Bodies;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>A body sink that keeps the bytes (or only counts and sums them, for large bodies) and counts the writes.</summary>
internal sealed class RecordingSink(bool keep = true) : IBodySink
{
    private readonly MemoryStream _bytes = new();

    public int Writes { get; private set; }

    public long Length { get; private set; }

    /// <summary>The sum of every byte written, to check a large body's content without keeping it.</summary>
    public long ByteSum { get; private set; }

    public byte[] Bytes => _bytes.ToArray();

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await Task.Yield();
        }

        Writes++;
        Length += data.Length;
        if (keep)
        {
            _bytes.Write(data.Span);
        }
        else
        {
            foreach (byte b in data.Span)
            {
                ByteSum += b;
            }
        }
    }

    /// <summary>Writes a body through the sync or async path and returns the sink.</summary>
    public static async Task<RecordingSink> WriteAsync(RequestBody body, bool async, bool keep = true)
    {
        var sink = new RecordingSink(keep);
        if (async)
        {
            await body.WriteToAsync(sink, true, CancellationToken.None);
        }
        else
        {
            SyncPath.Wait(body.WriteToAsync(sink, false, CancellationToken.None));
        }

        return sink;
    }
}
