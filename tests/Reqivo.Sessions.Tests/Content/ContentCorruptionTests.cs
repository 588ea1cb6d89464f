using System;
using System.IO;
using System.Threading.Tasks;
using Reqivo.Content;

namespace Reqivo.Sessions.Tests.Content;

/// <summary>Corrupt and truncated encoded data fails with a ContentDecodingException naming the coding, buffered and streamed.</summary>
public sealed class ContentCorruptionTests
{
    private static readonly byte[] Data = Codecs.Text(100_000);

    public static TheoryData<string, int> TruncationCuts()
    {
        // Cuts measured from the end: inside the trailer (checksum, ISIZE), just before it, and halfway.
        var data = new TheoryData<string, int>();
        foreach (string form in new[] { "gzip", "zlib", "raw", "br" })
        {
            foreach (int cut in new[] { 1, 4, 8, 9, -2 })
            {
                data.Add(form, cut);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TruncationCuts))]
    public void Truncated_buffered_body_is_refused(string form, int cut)
    {
        byte[] truncated = Truncate(Codecs.Encode(form, Data), cut);

        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode(Codecs.TokenOf(form), truncated));

        Assert.True(error.IsTruncated);
        Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
        Assert.Equal(Codecs.TokenOf(form), error.ContentCoding);
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
    public async Task Truncated_streamed_body_is_refused_at_its_end(string form, bool async)
    {
        byte[] truncated = Truncate(Codecs.Encode(form, Data), 1);
        await using Stream decoded = ContentDecoding.Wrap(Codecs.TokenOf(form), new ProbeStream(truncated, async, maxRead: 500));

        var error = await Assert.ThrowsAsync<ContentDecodingException>(() => DecodedStreams.ReadAllAsync(decoded, async));

        Assert.True(error.IsTruncated);
        Assert.Equal(Codecs.TokenOf(form), error.ContentCoding);
    }

    [Theory]
    [MemberData(nameof(Codecs.All), MemberType = typeof(Codecs))]
    public void Corrupt_body_is_refused_naming_the_coding(string form)
    {
        byte[] corrupt = Codecs.Encode(form, Data);
        for (int i = 10; i < 30; i++)
        {
            corrupt[i] ^= 0x55;
        }

        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode(Codecs.TokenOf(form), corrupt));

        Assert.False(error.IsTruncated);
        Assert.Equal(ProtocolError.UnexpectedData, error.Error);
        Assert.Equal(Codecs.TokenOf(form), error.ContentCoding);
        Assert.IsAssignableFrom<ProtocolException>(error);
    }

    [Fact]
    public void Gzip_with_a_wrong_checksum_is_refused()
    {
        byte[] encoded = Codecs.Encode("gzip", Data);
        encoded[^8] ^= 0x01; // CRC-32, RFC 1952 §2.3.1

        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode("gzip", encoded));

        Assert.Equal("gzip", error.ContentCoding);
    }

    [Fact]
    public void Gzip_whose_isize_disagrees_with_the_data_is_refused()
    {
        byte[] encoded = Codecs.Encode("gzip", Data);
        encoded[^1] ^= 0x01; // ISIZE

        Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode("gzip", encoded));
    }

    [Fact]
    public void Zlib_with_a_wrong_adler32_is_refused()
    {
        byte[] encoded = Codecs.Encode("zlib", Data);
        encoded[^1] ^= 0x01; // ADLER32, RFC 1950 §2.2

        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode("deflate", encoded));

        Assert.Equal("deflate", error.ContentCoding);
    }

    [Fact]
    public void Plain_text_labelled_gzip_is_refused()
    {
        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode("gzip", Codecs.Utf8("<html>not compressed</html>")));

        Assert.Equal("gzip", error.ContentCoding);
    }

    [Fact]
    public void Error_in_an_inner_stacked_coding_names_that_coding()
    {
        // br over a gzip body whose gzip layer was cut: br decodes fine, gzip is what ended early.
        byte[] encoded = Codecs.Encode("br", Truncate(Codecs.Encode("gzip", Data), 3));

        var error = Assert.Throws<ContentDecodingException>(() => ContentDecoding.Decode("gzip, br", encoded));

        Assert.Equal("gzip", error.ContentCoding);
        Assert.True(error.IsTruncated);
    }

    /// <summary>Removes <paramref name="cut"/> bytes from the end, or keeps half when <paramref name="cut"/> is -2.</summary>
    private static byte[] Truncate(byte[] encoded, int cut) =>
        encoded.AsSpan(0, cut == -2 ? encoded.Length / 2 : encoded.Length - cut).ToArray();
}
