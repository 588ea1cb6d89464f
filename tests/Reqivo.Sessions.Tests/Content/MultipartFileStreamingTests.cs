using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>A file part of several MiB goes out block by block: the body is never held in memory.</summary>
public sealed class MultipartFileStreamingTests : IDisposable
{
    private const int FileLength = 8 * 1024 * 1024;
    private readonly string _path = Path.GetTempFileName();
    private readonly long _fileByteSum;

    public MultipartFileStreamingTests()
    {
        byte[] content = TestPayload.Create(FileLength);
        File.WriteAllBytes(_path, content);
        foreach (byte b in content)
        {
            _fileByteSum += b;
        }
    }

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Large_file_is_streamed_whole_in_blocks(bool async)
    {
        MultipartFormBody body = new MultipartFormBody("b").AddFile("upload", _path, "big.bin");
        long headLength = body.Length!.Value - FileLength;

        RecordingSink sink = await RecordingSink.WriteAsync(body, async, keep: false);

        Assert.Equal(body.Length, sink.Length);
        // Head and trailer bytes are ASCII; only the file's bytes are large: compare sums without keeping the body.
        Assert.InRange(sink.ByteSum - _fileByteSum, headLength * 32, headLength * 126);
        Assert.InRange(sink.Writes, FileLength / (16 * 1024), FileLength / (8 * 1024));
    }

    [Fact]
    public void Sending_a_large_file_allocates_far_less_than_its_size()
    {
        MultipartFormBody body = new MultipartFormBody("b").AddFile("upload", _path, "big.bin");
        var sink = new RecordingSink(keep: false);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Reqivo.Internal.SyncPath.Wait(body.WriteToAsync(sink, false, default));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(body.Length, sink.Length);
        Assert.InRange(allocated, 0, 256 * 1024);
    }
}
