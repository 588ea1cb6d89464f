using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Content;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>The streamed-response wiring point: decoded blocks, the encoded body drained to its end, disposal passed on.</summary>
public sealed class DecodedResponseContentTests
{
    private static readonly byte[] Data = Codecs.Text(120_000);

    [Theory]
    [InlineData("gzip", false)]
    [InlineData("zlib", true)]
    [InlineData("raw", false)]
    [InlineData("br", true)]
    public async Task Blocks_are_decoded_and_the_encoded_body_is_read_to_its_end(string form, bool async)
    {
        var encoded = new BlockContent(Codecs.Encode(form, Data), blockSize: 5000);
        var decoded = new DecodedResponseContent(encoded, Codecs.TokenOf(form), DecompressionLimits.Default);
        var output = new MemoryStream();

        while (true)
        {
            ReadOnlyMemory<byte> block = async
                ? await decoded.ReadBlockAsync(true, CancellationToken.None)
                : SyncPath.Result(decoded.ReadBlockAsync(false, CancellationToken.None));
            if (block.IsEmpty)
            {
                break;
            }

            output.Write(block.Span);
        }

        Assert.Equal(Data, output.ToArray());
        Assert.Null(decoded.Length);
        Assert.True(decoded.IsComplete);
        // zlib and raw deflate stop reading at their end marker; the content drains the rest for the pool.
        Assert.True(encoded.IsComplete);
        decoded.Dispose();
        Assert.True(encoded.Disposed);
    }

    [Fact]
    public void Bomb_through_the_content_raises_the_size_limit()
    {
        var encoded = new BlockContent(Codecs.Encode("gzip", new byte[4 * 1024 * 1024]), blockSize: 1000);
        using var decoded = new DecodedResponseContent(encoded, "gzip", new DecompressionLimits { MaxDecompressedSize = 1024 * 1024 });

        var error = Assert.Throws<ProtocolLimitExceededException>(() =>
        {
            while (!SyncPath.Result(decoded.ReadBlockAsync(false, CancellationToken.None)).IsEmpty)
            {
            }
        });

        Assert.Equal(nameof(DecompressionLimits.MaxDecompressedSize), error.LimitName);
    }

    /// <summary>An in-memory response content handing out fixed-size blocks.</summary>
    private sealed class BlockContent(byte[] bytes, int blockSize) : ResponseContent
    {
        private int _offset;
        private bool _ended;

        public bool Disposed { get; private set; }

        public override long? Length => bytes.Length;

        public override bool IsComplete => _ended;

        public override async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken)
        {
            if (async)
            {
                await Task.Yield();
            }

            int count = Math.Min(blockSize, bytes.Length - _offset);
            _ended = count == 0;
            ReadOnlyMemory<byte> block = bytes.AsMemory(_offset, count);
            _offset += count;
            return block;
        }

        public override void Dispose() => Disposed = true;
    }
}
