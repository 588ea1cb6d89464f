using System;
using System.Buffers;
using System.Linq;
using System.Text;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>Exact bytes of the chunked transfer coding (RFC 9112 §7.1) and what the encoder refuses.</summary>
public sealed class ChunkedEncoderTests
{
    [Fact]
    public void A_chunk_is_hex_size_crlf_data_crlf()
    {
        var output = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunk("hello"u8, output);

        Assert.Equal("5\r\nhello\r\n", Ascii(output));
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(10, "a")]
    [InlineData(15, "f")]
    [InlineData(16, "10")]
    [InlineData(26, "1a")]
    [InlineData(255, "ff")]
    [InlineData(256, "100")]
    [InlineData(4096, "1000")]
    [InlineData(65535, "ffff")]
    [InlineData(1_000_000, "f4240")]
    public void Chunk_sizes_are_lowercase_hex_without_leading_zeros(int size, string hex)
    {
        byte[] data = Enumerable.Repeat((byte)'x', size).ToArray();
        var output = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunk(data, output);

        Assert.Equal([.. Encoding.ASCII.GetBytes(hex + "\r\n"), .. data, (byte)'\r', (byte)'\n'], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Empty_data_writes_nothing_because_an_empty_chunk_would_end_the_body()
    {
        var output = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunk([], output);

        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData(1L, "1\r\n")]
    [InlineData(0x1aL, "1a\r\n")]
    [InlineData(0xABCDEFL, "abcdef\r\n")]
    [InlineData(long.MaxValue, "7fffffffffffffff\r\n")]
    public void A_chunk_header_is_the_hex_size_and_crlf(long size, string expected)
    {
        var output = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunkHeader(size, output);

        Assert.Equal(expected, Ascii(output));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void A_chunk_header_of_size_zero_or_less_is_refused_and_writes_nothing(long size)
    {
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChunkedEncoder.WriteChunkHeader(size, output));

        Assert.Equal("size", error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_chunk_end_is_crlf()
    {
        var output = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunkEnd(output);

        Assert.Equal("\r\n", Ascii(output));
    }

    [Fact]
    public void Header_data_end_writes_the_same_bytes_as_write_chunk()
    {
        byte[] data = Encoding.ASCII.GetBytes("streamed without a copy");
        var streamed = new ArrayBufferWriter<byte>();
        var whole = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunkHeader(data.Length, streamed);
        streamed.Write(data);
        ChunkedEncoder.WriteChunkEnd(streamed);
        ChunkedEncoder.WriteChunk(data, whole);

        Assert.Equal(whole.WrittenSpan.ToArray(), streamed.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void A_chunk_larger_than_the_offered_buffer_is_written_in_pieces(int segment)
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var pieces = new ChunkedTestSegmentWriter(segment);
        var reference = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteChunk(data, pieces);
        ChunkedEncoder.WriteChunk(data, reference);

        Assert.Equal(reference.WrittenSpan.ToArray(), pieces.WrittenBytes);
        Assert.True(pieces.GetSpanCalls > 2);
    }

    [Theory]
    [InlineData(5, 1 + 2 + 5 + 2)]
    [InlineData(16, 2 + 2 + 16 + 2)]
    [InlineData(4096, 4 + 2 + 4096 + 2)]
    public void A_chunk_that_exactly_fills_the_offered_buffer_is_written_with_one_request(int dataLength, int chunkLength)
    {
        var output = new ChunkedTestSegmentWriter(minimumSegment: chunkLength);
        byte[] data = new byte[dataLength];

        ChunkedEncoder.WriteChunk(data, output);

        Assert.Equal(1, output.GetSpanCalls);
        Assert.Equal(chunkLength, output.WrittenBytes.Length);
    }

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(1UL, 1)]
    [InlineData(0xFUL, 1)]
    [InlineData(0x10UL, 2)]
    [InlineData(0xFFFUL, 3)]
    [InlineData(0x1000UL, 4)]
    [InlineData(ulong.MaxValue, 16)]
    public void The_hex_length_of_a_size_is_its_digit_count(ulong value, int digits)
    {
        Assert.Equal(digits, WireText.HexLength(value));
        Assert.Equal(value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).Length, digits);
    }

    [Fact]
    public void A_chunk_that_fits_the_offered_buffer_is_written_with_one_request()
    {
        var output = new ChunkedTestSegmentWriter(minimumSegment: 64);

        ChunkedEncoder.WriteChunk("hello"u8, output);

        Assert.Equal(1, output.GetSpanCalls);
        Assert.Equal("5\r\nhello\r\n"u8.ToArray(), output.WrittenBytes);
    }

    [Fact]
    public void The_last_chunk_without_trailers_is_zero_crlf_crlf()
    {
        var withNull = new ArrayBufferWriter<byte>();
        var withEmpty = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteLastChunk(null, withNull);
        ChunkedEncoder.WriteLastChunk(new HttpHeaders(), withEmpty);

        Assert.Equal("0\r\n\r\n", Ascii(withNull));
        Assert.Equal("0\r\n\r\n", Ascii(withEmpty));
    }

    [Fact]
    public void Trailers_follow_the_last_chunk_in_order_with_utf8_values()
    {
        var trailers = new HttpHeaders();
        trailers.Add("X-Checksum", "sha-256=:abc:");
        trailers.Add("Server-Timing", "db;dur=53");
        trailers.Add("x-note", "caf\u00E9");
        var output = new ArrayBufferWriter<byte>();

        ChunkedEncoder.WriteLastChunk(trailers, output);

        Assert.Equal("0\r\nX-Checksum: sha-256=:abc:\r\nServer-Timing: db;dur=53\r\nx-note: caf\u00E9\r\n\r\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("Content-Length")]
    [InlineData("transfer-encoding")]
    [InlineData("Trailer")]
    [InlineData("Host")]
    [InlineData("Connection")]
    [InlineData("Keep-Alive")]
    [InlineData("Upgrade")]
    [InlineData("TE")]
    [InlineData("Max-Forwards")]
    [InlineData("Cache-Control")]
    [InlineData("Expect")]
    [InlineData("Range")]
    [InlineData("If-None-Match")]
    [InlineData("If-Modified-Since")]
    [InlineData("AUTHORIZATION")]
    [InlineData("Proxy-Authorization")]
    [InlineData("WWW-Authenticate")]
    [InlineData("Cookie")]
    [InlineData("Set-Cookie")]
    [InlineData("Age")]
    [InlineData("Date")]
    [InlineData("Location")]
    [InlineData("Vary")]
    [InlineData("Content-Type")]
    [InlineData("content-encoding")]
    [InlineData("Content-Range")]
    public void Fields_needed_before_the_content_are_refused_as_trailers_and_nothing_is_written(string name)
    {
        var trailers = new HttpHeaders();
        trailers.Add("X-Checksum", "abc");
        trailers.Add(name, "1");
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentException>(() => ChunkedEncoder.WriteLastChunk(trailers, output));

        Assert.Equal("trailers", error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_trailer_value_with_an_unpaired_surrogate_is_refused_and_nothing_is_written()
    {
        var trailers = new HttpHeaders();
        trailers.Add("X-Checksum", "abc\uD800");
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentException>(() => ChunkedEncoder.WriteLastChunk(trailers, output));

        Assert.Equal("trailers", error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Null_output_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ChunkedEncoder.WriteChunk("a"u8, null!));
        Assert.Throws<ArgumentNullException>(() => ChunkedEncoder.WriteChunk([], null!));
        Assert.Throws<ArgumentNullException>(() => ChunkedEncoder.WriteChunkHeader(1, null!));
        Assert.Throws<ArgumentNullException>(() => ChunkedEncoder.WriteChunkEnd(null!));
        Assert.Throws<ArgumentNullException>(() => ChunkedEncoder.WriteLastChunk(null, null!));
    }

    private static string Ascii(ArrayBufferWriter<byte> output) => Encoding.ASCII.GetString(output.WrittenSpan);
}
