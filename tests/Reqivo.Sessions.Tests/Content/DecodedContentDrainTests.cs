using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Content;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// At the decoded end, a streamed content drains what the decoder left of the encoded body, up to 64 KiB and one block
/// beyond, so the connection can be reused; a longer leftover is left alone (the connection is then not reusable).
/// </summary>
public sealed class DecodedContentDrainTests
{
    private const int MaxDrainBytes = 64 * 1024;
    private static readonly byte[] Data = Codecs.Utf8("hello, drained world");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Draining_stops_at_the_first_block_beyond_64_KiB(bool async)
    {
        // zlib stops reading at its end marker, so every block after the first is left for the drain.
        var encoded = new ScriptedContent(async, Codecs.Encode("zlib", Data), new byte[MaxDrainBytes], new byte[1], new byte[1]);
        using var content = new DecodedResponseContent(encoded, "deflate", DecompressionLimits.Default);

        Assert.Equal(Data, await ReadAll(content, async));

        Assert.True(content.IsComplete);
        Assert.Equal(1, encoded.BlocksLeft);
        Assert.False(encoded.IsComplete);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_short_leftover_is_drained_to_the_end(bool async)
    {
        var encoded = new ScriptedContent(async, Codecs.Encode("zlib", Data), new byte[10], new byte[MaxDrainBytes - 10]);
        using var content = new DecodedResponseContent(encoded, "deflate", DecompressionLimits.Default);

        Assert.Equal(Data, await ReadAll(content, async));

        Assert.Equal(0, encoded.BlocksLeft);
        Assert.True(encoded.IsComplete);
    }

    private static async Task<byte[]> ReadAll(DecodedResponseContent content, bool async)
    {
        var output = new List<byte>();
        while (true)
        {
            ReadOnlyMemory<byte> block = async
                ? await content.ReadBlockAsync(true, CancellationToken.None)
                : SyncPath.Result(content.ReadBlockAsync(false, CancellationToken.None));
            if (block.IsEmpty)
            {
                return [.. output];
            }

            output.AddRange(block.ToArray());
        }
    }

    /// <summary>
    /// An encoded body handed out as the given blocks, complete once the last is handed out (as a framed body knows);
    /// a read through the other mode's path fails.
    /// </summary>
    private sealed class ScriptedContent(bool async, params byte[][] blocks) : ResponseContent
    {
        private readonly Queue<byte[]> _blocks = new(blocks);

        public int BlocksLeft => _blocks.Count;

        public override long? Length => null;

        public override bool IsComplete => _blocks.Count == 0;

        public override async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool asyncRead, CancellationToken cancellationToken)
        {
            Assert.Equal(async, asyncRead);
            if (asyncRead)
            {
                await Task.Yield();
            }

            return _blocks.TryDequeue(out byte[]? block) ? block : ReadOnlyMemory<byte>.Empty;
        }

        public override void Dispose()
        {
        }
    }
}
