using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Content;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>
/// The gzip layer proves a body complete by its 8-byte trailer (RFC 1952 §2.3.1); these cut a body at every length
/// around the header and the trailer, where bytes that happen to be zero could pass for an ISIZE of 0.
/// </summary>
public sealed class GzipTrailerTests
{
    // The smallest gzip member: header (MTIME 0, OS unknown), a final fixed-Huffman block holding only end-of-block,
    // CRC-32 of nothing (0) and ISIZE 0. .NET's encoder writes nothing at all for empty input, so it is spelled out.
    private static readonly byte[] EmptyMember =
        [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_smallest_gzip_member_decodes_to_nothing(bool async)
    {
        using Stream decoded = ContentDecoding.Wrap("gzip", new StrictSource(EmptyMember, async));

        Assert.Empty(await DecodedStreams.ReadAllAsync(decoded, async));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_empty_gzip_member_cut_anywhere_is_truncated(bool async)
    {
        for (int length = 1; length < EmptyMember.Length; length++)
        {
            using Stream decoded = ContentDecoding.Wrap("gzip", new StrictSource(EmptyMember[..length], async));

            var error = await Assert.ThrowsAsync<ContentDecodingException>(() => DecodedStreams.ReadAllAsync(decoded, async));

            Assert.True(error.IsTruncated, $"cut at {length}");
        }
    }

    [Fact]
    public void A_gzip_member_cut_after_its_zero_mtime_is_truncated()
    {
        // .NET writes MTIME = 0, so the last four bytes read equal the 0 bytes decoded so far.
        byte[] encoded = Codecs.Encode("gzip", Codecs.Utf8("hello"));
        Assert.Equal([0, 0, 0, 0], encoded[4..8]);

        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode("gzip", encoded[..8]));

        Assert.True(error.IsTruncated);
    }
}
