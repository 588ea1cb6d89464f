using System;
using System.Linq;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// Each limit of <see cref="Http1Limits"/> holds exactly at its value, fails one byte (or item) above it with
/// <see cref="ProtocolLimitExceededException"/> naming the limit, and counts across calls. A line that cannot end
/// within its limit fails as soon as the limit's worth of bytes has arrived, before any LF.
/// </summary>
public sealed class LimitTests
{
    [Fact]
    public void Defaults_are_the_documented_values()
    {
        Http1Limits limits = Http1Limits.Default;

        Assert.Equal(8 * 1024, limits.MaxStatusLineLength);
        Assert.Equal(64 * 1024, limits.MaxHeaderBytes);
        Assert.Equal(256, limits.MaxHeaderCount);
        Assert.Equal(4 * 1024, limits.MaxChunkSizeLineLength);
        Assert.Equal(16 * 1024, limits.MaxTrailerBytes);
        Assert.Equal(16, limits.MaxInterimResponses);
        Assert.Same(limits, new Http1ResponseDecoder().Limits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Limits_must_be_positive(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1Limits { MaxStatusLineLength = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1Limits { MaxHeaderBytes = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1Limits { MaxHeaderCount = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1Limits { MaxChunkSizeLineLength = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1Limits { MaxTrailerBytes = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1Limits { MaxInterimResponses = value });
    }

    [Fact]
    public void A_status_line_may_be_exactly_MaxStatusLineLength_bytes()
    {
        var limits = new Http1Limits { MaxStatusLineLength = 32 };
        string statusLine = StatusLineOfLength(32);

        Transcript transcript = ResponseDriver.ByteByByte(Bytes(statusLine + "Content-Length: 0\r\n\r\n"), limits: limits);

        Assert.StartsWith("head 200", transcript.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_line_longer_than_MaxStatusLineLength_fails()
    {
        var limits = new Http1Limits { MaxStatusLineLength = 32 };
        byte[] bytes = Bytes(StatusLineOfLength(33) + "Content-Length: 0\r\n\r\n");

        AssertLimit("MaxStatusLineLength", 32, () => ResponseDriver.Whole(bytes, limits: limits));
        AssertLimit("MaxStatusLineLength", 32, () => ResponseDriver.ByteByByte(bytes, limits: limits));
    }

    [Fact]
    public void A_status_line_without_LF_fails_as_soon_as_MaxStatusLineLength_bytes_arrived()
    {
        var decoder = Begin(new Http1Limits { MaxStatusLineLength = 32 });
        byte[] noLf = Bytes("HTTP/1.1 200 " + new string('A', 19));

        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode(noLf.AsSpan(0, 31), out int consumed, out _));
        Assert.Equal(0, consumed);
        AssertLimit("MaxStatusLineLength", 32, () => decoder.Decode(noLf, out _, out _));
    }

    [Fact]
    public void Empty_lines_before_the_status_line_count_against_MaxStatusLineLength()
    {
        var limits = new Http1Limits { MaxStatusLineLength = 32 };
        byte[] bytes = Bytes(string.Concat(Enumerable.Repeat("\r\n", 20)) + "HTTP/1.1 200 OK\r\n\r\n");

        AssertLimit("MaxStatusLineLength", 32, () => ResponseDriver.ByteByByte(bytes, limits: limits));
    }

    [Fact]
    public void A_field_section_may_be_exactly_MaxHeaderBytes_and_fails_one_byte_above()
    {
        // "Content-Length: 0\r\n" (19) + "X-Pad: " + pad + "\r\n" + "\r\n" (2) = 64 with a 34-byte pad.
        var limits = new Http1Limits { MaxHeaderBytes = 64 };
        string fits = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Pad: " + new string('p', 34) + "\r\n\r\n";
        string tooLong = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Pad: " + new string('p', 35) + "\r\n\r\n";

        Assert.StartsWith("head 200", ResponseDriver.ByteByByte(Bytes(fits), limits: limits).Text, StringComparison.Ordinal);
        AssertLimit("MaxHeaderBytes", 64, () => ResponseDriver.Whole(Bytes(tooLong), limits: limits));
        AssertLimit("MaxHeaderBytes", 64, () => ResponseDriver.ByteByByte(Bytes(tooLong), limits: limits));
    }

    [Fact]
    public void MaxHeaderBytes_counts_across_calls_although_each_call_is_small()
    {
        var decoder = Begin(new Http1Limits { MaxHeaderBytes = 64 });
        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode("HTTP/1.1 200 OK\r\n"u8, out _, out _));

        // Every line is consumed as it completes, so the caller holds one 12-byte line at a time.
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode("X-Field: 1\r\n"u8, out int consumed, out _));
            Assert.Equal(12, consumed);
        }

        AssertLimit("MaxHeaderBytes", 64, () => decoder.Decode("X-Field: 1\r\n"u8, out _, out _));
    }

    [Fact]
    public void A_field_line_without_LF_fails_as_soon_as_the_header_budget_is_spent()
    {
        var decoder = Begin(new Http1Limits { MaxHeaderBytes = 64 });
        decoder.Decode("HTTP/1.1 200 OK\r\nX-Field: 1\r\n"u8, out _, out _);
        byte[] partial = Bytes("X-Long: " + new string('v', 44)); // 52 = 64 - 12 bytes, still no LF

        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode(partial.AsSpan(0, 51), out int consumed, out _));
        Assert.Equal(0, consumed);
        AssertLimit("MaxHeaderBytes", 64, () => decoder.Decode(partial, out _, out _));
    }

    [Fact]
    public void MaxHeaderCount_bounds_field_lines_but_not_continuation_lines()
    {
        var limits = new Http1Limits { MaxHeaderCount = 3 };
        string three = "HTTP/1.1 200 OK\r\nA: 1\r\n more\r\n more\r\nB: 2\r\nContent-Length: 0\r\n\r\n";
        string four = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n";

        Assert.Contains("  A: 1 more more", ResponseDriver.Whole(Bytes(three), limits: limits).Text, StringComparison.Ordinal);
        AssertLimit("MaxHeaderCount", 3, () => ResponseDriver.Whole(Bytes(four), limits: limits));
        AssertLimit("MaxHeaderCount", 3, () => ResponseDriver.ByteByByte(Bytes(four), limits: limits));
    }

    [Fact]
    public void MaxHeaderCount_bounds_trailer_fields_separately()
    {
        var limits = new Http1Limits { MaxHeaderCount = 2 };
        const string Head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";

        Assert.Contains("trailers", ResponseDriver.Whole(Bytes(Head + "T1: 1\r\nT2: 2\r\n\r\n"), limits: limits).Text, StringComparison.Ordinal);
        AssertLimit("MaxHeaderCount", 2, () => ResponseDriver.Whole(Bytes(Head + "T1: 1\r\nT2: 2\r\nT3: 3\r\n\r\n"), limits: limits));
    }

    [Fact]
    public void A_chunk_size_line_longer_than_MaxChunkSizeLineLength_fails()
    {
        var limits = new Http1Limits { MaxChunkSizeLineLength = 16 };
        const string Head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        string fits = Head + "1;ext=" + new string('e', 8) + "\r\nx\r\n0\r\n\r\n"; // 16 bytes with CRLF
        string tooLong = Head + "1;ext=" + new string('e', 9) + "\r\nx\r\n0\r\n\r\n";

        Assert.Contains("body \"x\"", ResponseDriver.ByteByByte(Bytes(fits), limits: limits).Text, StringComparison.Ordinal);
        AssertLimit("MaxChunkSizeLineLength", 16, () => ResponseDriver.Whole(Bytes(tooLong), limits: limits));
        AssertLimit("MaxChunkSizeLineLength", 16, () => ResponseDriver.ByteByByte(Bytes(tooLong), limits: limits));
    }

    [Fact]
    public void A_chunk_size_line_without_LF_fails_as_soon_as_MaxChunkSizeLineLength_bytes_arrived()
    {
        var decoder = Begin(new Http1Limits { MaxChunkSizeLineLength = 16 });
        decoder.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"u8, out _, out _);
        byte[] zeros = Bytes(new string('0', 16));

        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode(zeros.AsSpan(0, 15), out int consumed, out _));
        Assert.Equal(0, consumed);
        AssertLimit("MaxChunkSizeLineLength", 16, () => decoder.Decode(zeros, out _, out _));
    }

    [Fact]
    public void A_trailer_section_may_be_exactly_MaxTrailerBytes_and_fails_one_byte_above()
    {
        var limits = new Http1Limits { MaxTrailerBytes = 32 };
        const string Head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        string fits = Head + "X-T: " + new string('t', 23) + "\r\n\r\n"; // 5 + 23 + 2 + 2 = 32
        string tooLong = Head + "X-T: " + new string('t', 24) + "\r\n\r\n";

        Assert.Contains("trailers", ResponseDriver.ByteByByte(Bytes(fits), limits: limits).Text, StringComparison.Ordinal);
        AssertLimit("MaxTrailerBytes", 32, () => ResponseDriver.Whole(Bytes(tooLong), limits: limits));
        AssertLimit("MaxTrailerBytes", 32, () => ResponseDriver.ByteByByte(Bytes(tooLong), limits: limits));
    }

    [Fact]
    public void MaxInterimResponses_bounds_1xx_heads_before_the_final_one()
    {
        var limits = new Http1Limits { MaxInterimResponses = 2 };
        const string Interim = "HTTP/1.1 100 Continue\r\n\r\n";
        const string Final = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

        Transcript two = ResponseDriver.Whole(Bytes(Interim + Interim + Final), limits: limits);
        Assert.Equal(2, two.Text.Split('\n').Count(line => line.StartsWith("interim", StringComparison.Ordinal)));
        AssertLimit("MaxInterimResponses", 2, () => ResponseDriver.Whole(Bytes(Interim + Interim + Interim + Final), limits: limits));
        AssertLimit("MaxInterimResponses", 2, () => ResponseDriver.ByteByByte(Bytes(Interim + Interim + Interim + Final), limits: limits));
    }

    [Fact]
    public void Limits_apply_per_response_not_per_connection()
    {
        var decoder = new Http1ResponseDecoder(new Http1Limits { MaxHeaderBytes = 64, MaxInterimResponses = 1 });
        byte[] response = Bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nX-Pad: " + new string('p', 34) + "\r\nContent-Length: 0\r\n\r\n");

        for (int i = 0; i < 3; i++)
        {
            Assert.EndsWith("state Done", ResponseDriver.Run(decoder, [response], "GET").Text, StringComparison.Ordinal);
        }
    }

    private static string StatusLineOfLength(int length) => "HTTP/1.1 200 " + new string('R', length - 15) + "\r\n";

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static Http1ResponseDecoder Begin(Http1Limits limits)
    {
        var decoder = new Http1ResponseDecoder(limits);
        decoder.BeginResponse("GET");
        return decoder;
    }

    private static void AssertLimit(string limitName, long limit, Action decode)
    {
        var error = Assert.Throws<ProtocolLimitExceededException>(decode);

        Assert.Equal(limitName, error.LimitName);
        Assert.Equal(limit, error.Limit);
        Assert.Equal(ProtocolError.LimitExceeded, error.Error);
    }

    private static void AssertLimit(string limitName, long limit, Func<Transcript> decode) =>
        AssertLimit(limitName, limit, () => { decode(); });
}
