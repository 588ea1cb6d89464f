using System;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>Chunked framing at its edges (RFC 9112 §7.1): the size range, hex digits, and the CRLF after chunk data.</summary>
public sealed class ChunkedDecodingTests
{
    private static readonly byte[] ChunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray();

    [Fact]
    public void The_largest_63_bit_chunk_size_is_accepted()
    {
        Http1ResponseDecoder decoder = AfterHead();
        byte[] input = "7fffffffffffffff\r\nabc"u8.ToArray();

        Assert.Equal(Http1EventKind.BodyData, decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> data));

        Assert.Equal("abc", Encoding.ASCII.GetString(data));
        Assert.Equal(input.Length, consumed);
        Assert.Equal(Http1DecoderState.Body, decoder.State);
    }

    [Theory]
    [InlineData("F", 15)]
    [InlineData("fF", 255)]
    [InlineData("1aBc", 0x1abc)]
    public void Upper_and_lower_case_hex_digits_give_the_chunk_size(string size, int expected)
    {
        string response = $"{size}\r\n{new string('d', expected)}\r\n0\r\n\r\n";

        Transcript transcript = ResponseDriver.Whole([.. ChunkedHead, .. Encoding.ASCII.GetBytes(response)]);

        Assert.EndsWith($"end body={expected}\nstate Done", transcript.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_byte_after_chunk_data_fails_as_soon_as_it_arrives()
    {
        Http1ResponseDecoder decoder = AfterHead();
        Assert.Equal(Http1EventKind.BodyData, decoder.Decode("5\r\nhello"u8, out _, out _));

        var error = Assert.Throws<ProtocolException>(() => decoder.Decode("X"u8, out _, out _));

        Assert.Equal(ProtocolError.InvalidChunkTerminator, error.Error);
    }

    [Fact]
    public void The_CRLF_after_chunk_data_is_consumed_as_soon_as_it_is_complete()
    {
        Http1ResponseDecoder decoder = AfterHead();
        Assert.Equal(Http1EventKind.BodyData, decoder.Decode("5\r\nhello"u8, out _, out _));

        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode("\r"u8, out int consumedCr, out _));
        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode("\r\n"u8, out int consumedCrlf, out _));

        Assert.Equal(0, consumedCr);
        Assert.Equal(2, consumedCrlf);
        Assert.Equal(Http1EventKind.EndOfMessage, decoder.Decode("0\r\n\r\n"u8, out int consumedLast, out _));
        Assert.Equal(5, consumedLast);
    }

    private static Http1ResponseDecoder AfterHead()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(ChunkedHead, out int consumed, out _));
        Assert.Equal(ChunkedHead.Length, consumed);
        return decoder;
    }
}
