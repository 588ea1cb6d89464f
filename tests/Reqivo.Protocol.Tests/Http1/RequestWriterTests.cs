using System;
using System.Buffers;
using System.Text;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>Exact bytes of request heads (RFC 9112 §3, §5, §6), and what the writer refuses.</summary>
public sealed class RequestWriterTests
{
    [Fact]
    public void Origin_form_get_is_the_request_line_host_and_an_empty_line()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/a/b?x=1"), "example.com");

        Assert.Equal("GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", WriteToString(head));
    }

    [Fact]
    public void Absolute_form_still_sends_host()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Absolute("http://example.com:8080/a?b"));

        Assert.Equal("GET http://example.com:8080/a?b HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", WriteToString(head));
    }

    [Fact]
    public void Authority_form_connect_sends_the_authority_as_host()
    {
        var head = new Http1RequestHead("CONNECT", RequestTarget.Authority("example.com", 443));

        Assert.Equal("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", WriteToString(head));
    }

    [Fact]
    public void Ipv6_authority_is_bracketed_in_the_target_and_in_host()
    {
        var head = new Http1RequestHead("CONNECT", RequestTarget.Authority("::1", 443));
        head.Headers.Add("Proxy-Authorization", "Basic dTpw");

        Assert.Equal("CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\nProxy-Authorization: Basic dTpw\r\n\r\n", WriteToString(head));
    }

    [Fact]
    public void Asterisk_form_options()
    {
        var head = new Http1RequestHead("OPTIONS", RequestTarget.Asterisk, "example.com:8080");

        Assert.Equal("OPTIONS * HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", WriteToString(head));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    [InlineData("get")]
    [InlineData("X-Custom_Method~1")]
    public void Every_method_is_written_exactly_as_given(string method)
    {
        var head = new Http1RequestHead(method, RequestTarget.Origin("/"), "h");

        Assert.Equal($"{method} / HTTP/1.1\r\nHost: h\r\n\r\n", WriteToString(head));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(5L, "5")]
    [InlineData(10L, "10")]
    [InlineData(1234567890L, "1234567890")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Content_length_framing_is_the_last_field(long length, string digits)
    {
        var head = new Http1RequestHead("POST", RequestTarget.Origin("/upload"), "example.com")
        {
            Framing = RequestFraming.ContentLength(length),
        };
        head.Headers.Add("Content-Type", "text/plain");

        Assert.Equal(
            $"POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\nContent-Length: {digits}\r\n\r\n",
            WriteToString(head));
    }

    [Fact]
    public void Chunked_framing_is_transfer_encoding_chunked()
    {
        var head = new Http1RequestHead("PUT", RequestTarget.Origin("/stream"), "example.com") { Framing = RequestFraming.Chunked };
        head.Headers.Add("Trailer", "X-Checksum");

        Assert.Equal(
            "PUT /stream HTTP/1.1\r\nHost: example.com\r\nTrailer: X-Checksum\r\nTransfer-Encoding: chunked\r\n\r\n",
            WriteToString(head));
    }

    [Fact]
    public void No_framing_writes_no_framing_field()
    {
        var head = new Http1RequestHead("DELETE", RequestTarget.Origin("/item/1"), "example.com") { Framing = RequestFraming.None };

        Assert.Equal("DELETE /item/1 HTTP/1.1\r\nHost: example.com\r\n\r\n", WriteToString(head));
    }

    [Fact]
    public void Host_comes_first_then_fields_in_order_with_repeats_and_case_kept()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
        head.Headers.Add("user-agent", "reqivo/0.1");
        head.Headers.Add("Accept", "text/html");
        head.Headers.Add("X-Tag", "one");
        head.Headers.Add("Accept", "application/json");
        head.Headers.Add("X-TAG", "two");
        head.Headers.Add("X-Empty", "");

        Assert.Equal(
            "GET / HTTP/1.1\r\nHost: example.com\r\nuser-agent: reqivo/0.1\r\nAccept: text/html\r\nX-Tag: one\r\n"
            + "Accept: application/json\r\nX-TAG: two\r\nX-Empty: \r\n\r\n",
            WriteToString(head));
    }

    [Fact]
    public void An_empty_host_is_sent_as_an_empty_field()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "");

        Assert.Equal("GET / HTTP/1.1\r\nHost: \r\n\r\n", WriteToString(head));
    }

    [Fact]
    public void Non_ascii_values_are_encoded_as_utf8()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "h");
        head.Headers.Add("X-Name", "Zo\u00EB \u2713 \U0001F600");
        head.Headers.Add("X-Tab", "a\tb");

        byte[] expected = [.. "GET / HTTP/1.1\r\nHost: h\r\nX-Name: Zo"u8, 0xC3, 0xAB, (byte)' ', 0xE2, 0x9C, 0x93, (byte)' ', 0xF0, 0x9F, 0x98, 0x80, .. "\r\nX-Tab: a\tb\r\n\r\n"u8];
        Assert.Equal(expected, WriteToBytes(head));
    }

    [Fact]
    public void Write_appends_after_existing_output_and_returns_the_count()
    {
        var head = new Http1RequestHead("HEAD", RequestTarget.Origin("/x"), "h");
        var output = new ArrayBufferWriter<byte>();
        output.Write("previous"u8);

        int written = Http1RequestWriter.Write(head, output);

        Assert.Equal("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n".Length, written);
        Assert.Equal("previousHEAD /x HTTP/1.1\r\nHost: h\r\n\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Write_asks_for_exactly_the_head_and_advances_once()
    {
        var head = new Http1RequestHead("POST", RequestTarget.Origin("/"), "h") { Framing = RequestFraming.ContentLength(3) };
        head.Headers.Add("X-A", "\u00E9");
        var output = new ChunkedTestSegmentWriter(minimumSegment: 1);

        int written = Http1RequestWriter.Write(head, output);

        Assert.Equal(1, output.GetSpanCalls);
        Assert.Equal(written, output.WrittenBytes.Length);
        Assert.Equal("POST / HTTP/1.1\r\nHost: h\r\nX-A: \u00E9\r\nContent-Length: 3\r\n\r\n", Encoding.UTF8.GetString(output.WrittenBytes));
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("host")]
    [InlineData("HOST")]
    [InlineData("Content-Length")]
    [InlineData("content-length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("TRANSFER-ENCODING")]
    public void Host_and_framing_fields_in_headers_are_refused_before_any_byte_is_written(string name)
    {
        var head = new Http1RequestHead("POST", RequestTarget.Origin("/"), "example.com") { Framing = RequestFraming.ContentLength(1) };
        head.Headers.Add("Accept", "*/*");
        head.Headers.Add(name, name.StartsWith('H') || name.StartsWith('h') ? "evil.example" : "5");
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Write(head, output));

        Assert.Equal("head", error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_value_with_an_unpaired_surrogate_is_refused_before_any_byte_is_written(int index)
    {
        // Built in code: attribute arguments are stored as UTF-8, which would turn a lone surrogate into U+FFFD.
        string value = new[] { "\uD800", "abc\uDC00", "\uDE00\uD83D" }[index];
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "example.com");
        head.Headers.Add("X-Ok", "fine");
        head.Headers.Add("X-Broken", value);
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Write(head, output));

        Assert.Equal("head", error.ParamName);
        Assert.IsType<EncoderFallbackException>(error.InnerException);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        var head = new Http1RequestHead("GET", RequestTarget.Origin("/"), "h");

        Assert.Equal("head", Assert.Throws<ArgumentNullException>(() => Http1RequestWriter.Write(null!, new ArrayBufferWriter<byte>())).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => Http1RequestWriter.Write(head, null!)).ParamName);
    }

    private static byte[] WriteToBytes(Http1RequestHead head)
    {
        var output = new ArrayBufferWriter<byte>();
        int written = Http1RequestWriter.Write(head, output);
        Assert.Equal(output.WrittenCount, written);
        return output.WrittenSpan.ToArray();
    }

    private static string WriteToString(Http1RequestHead head) => Encoding.UTF8.GetString(WriteToBytes(head));
}
