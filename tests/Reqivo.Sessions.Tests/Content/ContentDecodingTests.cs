using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Content;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>Each content coding decoded whole (buffered) and streamed (sync and async), stacked codings, identity and unknown codings.</summary>
public sealed class ContentDecodingTests
{
    private static readonly byte[] Data = Codecs.Text(200_000);

    [Fact]
    public void Accept_encoding_advertises_every_decodable_coding()
    {
        Assert.Equal("gzip, deflate, br", ContentDecoding.AcceptEncoding);
        Assert.True(ContentDecoding.CanDecode(ContentDecoding.AcceptEncoding));
    }

    [Theory]
    [MemberData(nameof(Codecs.All), MemberType = typeof(Codecs))]
    public void Buffered_body_is_decoded(string form)
    {
        byte[] encoded = Codecs.Encode(form, Data);

        byte[] decoded = ContentDecoding.Decode(Codecs.TokenOf(form), encoded);

        Assert.Equal(Data, decoded);
    }

    [Theory]
    [InlineData("gzip", false)]
    [InlineData("gzip", true)]
    [InlineData("zlib", false)]
    [InlineData("zlib", true)]
    [InlineData("raw", false)]
    [InlineData("raw", true)]
    [InlineData("br", false)]
    [InlineData("br", true)]
    public async Task Streamed_body_is_decoded_in_small_reads(string form, bool async)
    {
        // The encoded side trickles in 333 bytes per read and the caller reads 1000 at a time.
        var body = new ProbeStream(Codecs.Encode(form, Data), async, maxRead: 333);

        await using Stream decoded = ContentDecoding.Wrap(Codecs.TokenOf(form), body);

        Assert.Equal(Data, await DecodedStreams.ReadAllAsync(decoded, async));
        Assert.Equal(0, async ? await decoded.ReadAsync(new byte[10]) : decoded.Read(new byte[10], 0, 10));
    }

    [Theory]
    [InlineData("GZIP")]
    [InlineData("x-gzip")]
    [InlineData(" gzip ")]
    [InlineData("identity, gzip")]
    [InlineData("gzip,,identity")]
    public void Coding_names_are_case_insensitive_and_identity_is_ignored(string contentEncoding)
    {
        byte[] decoded = ContentDecoding.Decode(contentEncoding, Codecs.Encode("gzip", Data));

        Assert.Equal(Data, decoded);
    }

    [Fact]
    public void Deflate_accepts_both_the_zlib_wrapper_and_raw_deflate()
    {
        Assert.Equal(Data, ContentDecoding.Decode("deflate", Codecs.Encode("zlib", Data)));
        Assert.Equal(Data, ContentDecoding.Decode("deflate", Codecs.Encode("raw", Data)));
    }

    [Theory]
    [InlineData(0x78, 0x01, true)]
    [InlineData(0x78, 0x9C, true)]
    [InlineData(0x78, 0xDA, true)]
    [InlineData(0x08, 0x1D, true)]
    [InlineData(0x78, 0x9D, false)] // check bits wrong
    [InlineData(0x88, 0x98, false)] // CINFO 8: window too large
    [InlineData(0x79, 0x9C, false)] // CM 9
    public void Zlib_header_is_recognised_by_rfc_1950_rules(int cmf, int flg, bool expected)
    {
        Assert.Equal(expected, Reqivo.Content.InflatingStream.IsZlibHeader((byte)cmf, (byte)flg));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stacked_codings_are_undone_in_reverse_order(bool async)
    {
        // "gzip, br": gzip was applied first, then br (RFC 9110 §8.4), so br is undone first.
        byte[] encoded = Codecs.Encode("br", Codecs.Encode("gzip", Data));

        Assert.Equal(Data, ContentDecoding.Decode("gzip, br", encoded));
        await using Stream decoded = ContentDecoding.Wrap("gzip, br", new ProbeStream(encoded, async, maxRead: 4096));
        Assert.Equal(Data, await DecodedStreams.ReadAllAsync(decoded, async));
    }

    [Fact]
    public void Three_stacked_codings_including_both_deflate_forms_are_undone()
    {
        byte[] encoded = Codecs.Encode("gzip", Codecs.Encode("raw", Codecs.Encode("zlib", Data)));

        Assert.Equal(Data, ContentDecoding.Decode("deflate, deflate, gzip", encoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("identity")]
    public void Nothing_to_undo_returns_the_same_body(string? contentEncoding)
    {
        byte[] body = [1, 2, 3];
        using var stream = new MemoryStream(body);

        Assert.Same(body, ContentDecoding.Decode(contentEncoding, body));
        Assert.Same(stream, ContentDecoding.Wrap(contentEncoding, stream));
        Assert.True(ContentDecoding.CanDecode(contentEncoding));
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("zstd")]
    [InlineData("gzip, zstd")]
    [InlineData("zstd, gzip")]
    public void Unknown_coding_leaves_the_body_untouched(string contentEncoding)
    {
        byte[] body = Codecs.Encode("gzip", Data);
        using var stream = new MemoryStream(body);

        Assert.False(ContentDecoding.CanDecode(contentEncoding));
        Assert.Same(body, ContentDecoding.Decode(contentEncoding, body));
        Assert.Same(stream, ContentDecoding.Wrap(contentEncoding, stream));
    }

    [Theory]
    [MemberData(nameof(Codecs.All), MemberType = typeof(Codecs))]
    public async Task Empty_body_decodes_to_empty(string form)
    {
        Assert.Empty(ContentDecoding.Decode(Codecs.TokenOf(form), []));
        await using Stream decoded = ContentDecoding.Wrap(Codecs.TokenOf(form), new MemoryStream([]));
        Assert.Empty(await DecodedStreams.ReadAllAsync(decoded, async: false));
    }

    [Theory]
    [MemberData(nameof(Codecs.All), MemberType = typeof(Codecs))]
    public async Task Disposing_the_decoded_stream_disposes_the_body(string form)
    {
        var syncBody = new ProbeStream(Codecs.Encode(form, Data), async: false);
        var asyncBody = new ProbeStream(Codecs.Encode(form, Data), async: true);

        ContentDecoding.Wrap(Codecs.TokenOf(form), syncBody).Dispose();
        Stream decoded = ContentDecoding.Wrap(Codecs.TokenOf(form), asyncBody);
        Assert.InRange(await decoded.ReadAsync(new byte[1000]), 1, 1000);
        await decoded.DisposeAsync();

        Assert.True(syncBody.Disposed);
        Assert.True(asyncBody.Disposed);
    }

    [Fact]
    public void Decoded_stream_is_forward_only_and_read_only()
    {
        using Stream decoded = ContentDecoding.Wrap("gzip", new MemoryStream(Codecs.Encode("gzip", Data)));

        Assert.True(decoded.CanRead);
        Assert.False(decoded.CanSeek);
        Assert.False(decoded.CanWrite);
        Assert.Throws<NotSupportedException>(() => decoded.Length);
        Assert.Throws<NotSupportedException>(() => decoded.Write([1], 0, 1));
    }
}
