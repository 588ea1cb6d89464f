using System;
using System.Linq;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// The decoder's central property: every valid response yields the same transcript whether it arrives whole, one
/// byte at a time, in two pieces split anywhere, or followed by the bytes of the next response.
/// </summary>
public sealed class ResponseSplitTests
{
    private static readonly byte[] NextResponse = "HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray();

    [Theory]
    [MemberData(nameof(ResponseFixtures.Names), MemberType = typeof(ResponseFixtures))]
    public void Whole_input_yields_the_expected_transcript(string name)
    {
        ResponseFixture fixture = ResponseFixtures.Get(name);

        Transcript transcript = ResponseDriver.Whole(fixture.Bytes, fixture.Method);

        Assert.Equal(fixture.Expected.ReplaceLineEndings("\n"), transcript.Text);
        Assert.Empty(transcript.Leftover);
    }

    [Theory]
    [MemberData(nameof(ResponseFixtures.Names), MemberType = typeof(ResponseFixtures))]
    public void Byte_by_byte_input_yields_the_same_transcript(string name)
    {
        ResponseFixture fixture = ResponseFixtures.Get(name);

        Transcript transcript = ResponseDriver.ByteByByte(fixture.Bytes, fixture.Method);

        Assert.Equal(fixture.Expected.ReplaceLineEndings("\n"), transcript.Text);
        Assert.Empty(transcript.Leftover);
    }

    [Theory]
    [MemberData(nameof(ResponseFixtures.Names), MemberType = typeof(ResponseFixtures))]
    public void Every_split_point_yields_the_same_transcript(string name)
    {
        ResponseFixture fixture = ResponseFixtures.Get(name);
        byte[] bytes = fixture.Bytes;

        for (int split = 0; split <= bytes.Length; split++)
        {
            Transcript transcript = ResponseDriver.SplitAt(bytes, split, fixture.Method);

            Assert.True(fixture.Expected.ReplaceLineEndings("\n") == transcript.Text, $"split at {split}:\n{transcript.Text}");
        }
    }

    [Theory]
    [MemberData(nameof(ResponseFixtures.Names), MemberType = typeof(ResponseFixtures))]
    public void Bytes_of_the_next_response_are_left_unconsumed_for_every_split(string name)
    {
        ResponseFixture fixture = ResponseFixtures.Get(name);
        if (!fixture.EndsBeforeClose)
        {
            return; // A close-delimited body owns every byte until the close; nothing can follow it.
        }

        byte[] bytes = [.. fixture.Bytes, .. NextResponse];
        string expected = fixture.Expected.ReplaceLineEndings("\n");

        Assert.Equal(expected, ResponseDriver.ByteByByte(bytes, fixture.Method).Text);
        for (int split = 0; split <= bytes.Length; split++)
        {
            Transcript transcript = ResponseDriver.SplitAt(bytes, split, fixture.Method);

            Assert.True(expected == transcript.Text, $"split at {split}:\n{transcript.Text}");
            Assert.Equal(NextResponse, transcript.Leftover);
        }
    }

    [Theory]
    [MemberData(nameof(ResponseFixtures.Names), MemberType = typeof(ResponseFixtures))]
    public void A_reusable_connection_decodes_the_next_response_with_the_same_decoder(string name)
    {
        ResponseFixture fixture = ResponseFixtures.Get(name);
        var decoder = new Http1ResponseDecoder();
        byte[] bytes = [.. fixture.Bytes, .. NextResponse];

        Transcript first = ResponseDriver.Run(decoder, [bytes], fixture.Method);
        if (decoder.State != Http1DecoderState.Done || !decoder.Head!.KeepAlive)
        {
            Assert.True(decoder.State == Http1DecoderState.Upgraded || !decoder.Head!.KeepAlive);
            return;
        }

        Transcript second = ResponseDriver.Run(decoder, [first.Leftover], "GET");

        Assert.Equal(fixture.Expected.ReplaceLineEndings("\n"), first.Text);
        Assert.Equal("head 204 \"No Content\" 1.1 None keep-alive\nend body=0\nstate Done", second.Text);
        Assert.Empty(second.Leftover);
    }

    [Fact]
    public void Random_multi_piece_splits_yield_the_same_transcript()
    {
        var random = new Random(20240607);
        foreach (ResponseFixture fixture in ResponseFixtures.All)
        {
            byte[] bytes = fixture.Bytes;
            for (int round = 0; round < 20; round++)
            {
                Transcript transcript = ResponseDriver.Run(RandomPieces(bytes, random), fixture.Method);

                Assert.True(fixture.Expected.ReplaceLineEndings("\n") == transcript.Text, $"{fixture.Name} round {round}:\n{transcript.Text}");
            }
        }
    }

    [Fact]
    public void The_fixture_list_covers_every_framing_and_head_kind()
    {
        string all = string.Join("\n", ResponseFixtures.All.Select(f => f.Expected));

        Assert.True(ResponseFixtures.All.Count >= 25);
        foreach (string marker in new[] { "None", "ContentLength(", "Chunked", "CloseDelimited", "interim", "upgrade", "trailers", " 1.0 " })
        {
            Assert.Contains(marker, all, StringComparison.Ordinal);
        }

        Assert.Equal(ResponseFixtures.All.Count, ResponseFixtures.All.Select(f => f.Name).Distinct().Count());
        Assert.All(ResponseFixtures.All, f => Assert.True(Encoding.Latin1.GetString(f.Bytes) == f.Raw));
    }

    internal static byte[][] RandomPieces(byte[] bytes, Random random)
    {
        var pieces = new System.Collections.Generic.List<byte[]>();
        int position = 0;
        while (position < bytes.Length)
        {
            int length = Math.Min(bytes.Length - position, random.Next(0, 12));
            pieces.Add(bytes[position..(position + length)]);
            position += length;
        }

        return [.. pieces];
    }
}
