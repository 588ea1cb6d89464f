using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Bodies;
using Reqivo.Content;
using Reqivo.Internal;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// Edges of content decoding: a buffered body that outgrows its first buffer, the argument checks, the error's kind
/// and the body source adapter that never reads its source past the end.
/// </summary>
public sealed class ContentDecodingEdgeTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("zlib")]
    [InlineData("br")]
    public void A_buffered_body_far_larger_than_four_times_its_encoding_decodes_whole(string form)
    {
        // Highly compressible: the decoded size outgrows the first buffer (16 KiB or 4 x encoded) several times.
        byte[] data = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 7)).ToArray();
        byte[] encoded = Codecs.Encode(form, data);
        Assert.True(encoded.Length * 4 < data.Length / 4);

        Assert.Equal(data, ContentDecoding.Decode(Codecs.TokenOf(form), encoded));
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => ContentDecoding.Wrap("gzip", null!)).ParamName);
        Assert.Equal("contentCoding", Assert.Throws<ArgumentNullException>(() => new ContentDecodingException(null!, truncated: true, null)).ParamName);
        Assert.Equal("fields", Assert.Throws<ArgumentNullException>(() => RequestBody.FromForm([new(null!, "v")])).ParamName);
        Assert.Equal("fields", Assert.Throws<ArgumentNullException>(() => RequestBody.FromForm([new("n", null!)])).ParamName);
    }

    [Fact]
    public void A_decoding_error_names_its_coding_and_tells_truncated_from_corrupt()
    {
        var truncated = new ContentDecodingException("gzip", truncated: true, null);
        var corrupt = new ContentDecodingException("gzip", truncated: false, null);

        Assert.Equal(ProtocolError.IncompleteMessage, truncated.Error);
        Assert.Equal(ProtocolError.UnexpectedData, corrupt.Error);
        Assert.Contains("'gzip'", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("'gzip'", corrupt.Message, StringComparison.Ordinal);
        Assert.NotEqual(truncated.Message, corrupt.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_body_source_adapter_reads_no_block_for_an_empty_read_or_after_the_end(bool async)
    {
        var source = new BlockSource(async, [1, 2, 3]);
        using var stream = new BodySourceStream(source);
        byte[] buffer = new byte[10];

        Assert.Equal(0, async ? await stream.ReadAsync(Memory<byte>.Empty) : stream.Read(buffer, 0, 0));
        Assert.Equal(0, source.Reads);
        Assert.Equal(3, async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length));
        Assert.Equal(0, async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length));
        int reads = source.Reads;

        Assert.Equal(0, async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length));
        Assert.Equal(0, async ? await stream.ReadAsync(Memory<byte>.Empty) : stream.Read(buffer, 0, 0));

        Assert.Equal(reads, source.Reads);
    }

    /// <summary>A body source handing out the given blocks, failing a read after it returned its end or through the other mode.</summary>
    private sealed class BlockSource(bool async, params byte[][] blocks) : IBodySource
    {
        private int _next;
        private bool _ended;

        public int Reads { get; private set; }

        public long? Length => null;

        public HttpHeaders? Trailers => null;

        public ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool asyncRead, CancellationToken cancellationToken)
        {
            Assert.Equal(async, asyncRead);
            Assert.False(_ended, "A block was read after the end.");
            Reads++;
            if (_next == blocks.Length)
            {
                _ended = true;
                return ValueTask.FromResult(ReadOnlyMemory<byte>.Empty);
            }

            return ValueTask.FromResult<ReadOnlyMemory<byte>>(blocks[_next++]);
        }
    }
}
