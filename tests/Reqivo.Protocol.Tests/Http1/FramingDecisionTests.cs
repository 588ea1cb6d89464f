using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// How a response head decides framing and persistence (RFC 9112 §6.3, §9.3): the exact boundaries of each rule,
/// list syntax in Connection and Transfer-Encoding, and the decision as a pure function of any header collection.
/// </summary>
public sealed class FramingDecisionTests
{
    [Fact]
    public void Only_a_2xx_answer_to_CONNECT_opens_a_tunnel()
    {
        Http1ResponseHead tunnel = DecodeHead("HTTP/1.1 299 Custom\r\n\r\n", "CONNECT");
        Http1ResponseHead redirect = DecodeHead("HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n", "CONNECT");

        Assert.True(tunnel.IsUpgrade);
        Assert.False(redirect.IsUpgrade);
        Assert.Equal(Http1BodyFraming.ContentLength, redirect.Framing);
        Assert.True(redirect.KeepAlive);
    }

    [Fact]
    public void Connection_options_count_only_in_the_Connection_field()
    {
        Assert.True(DecodeHead("HTTP/1.1 200 OK\r\nX-Mode: close\r\nContent-Length: 0\r\n\r\n").KeepAlive);
        Assert.False(DecodeHead("HTTP/1.0 200 OK\r\nX-Mode: keep-alive\r\nContent-Length: 0\r\n\r\n").KeepAlive);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close, close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close, keep-alive, close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive, keep-alive\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true)]
    public void A_repeated_connection_option_still_counts(string response, bool keepAlive)
    {
        Assert.Equal(keepAlive, DecodeHead(response).KeepAlive);
    }

    [Theory]
    [InlineData("Transfer-Encoding: , chunked")]
    [InlineData("Transfer-Encoding: ,chunked")]
    [InlineData("Transfer-Encoding: gzip,,chunked")]
    [InlineData("Transfer-Encoding: gzip;level=9, chunked")]
    [InlineData("Transfer-Encoding: gzip ; q=1 ,\tchunked")]
    [InlineData("Transfer-Encoding: gzip\r\nTransfer-Encoding: , chunked")]
    public void Empty_list_elements_and_coding_parameters_do_not_hide_the_final_chunked(string field)
    {
        Http1ResponseHead head = DecodeHead($"HTTP/1.1 200 OK\r\n{field}\r\n\r\n");

        Assert.Equal(Http1BodyFraming.Chunked, head.Framing);
        Assert.True(head.KeepAlive);
    }

    [Fact]
    public void The_decision_reads_field_names_ignoring_case_in_any_header_collection()
    {
        // The decoder hands over canonical name strings; the decision must not depend on that.
        var close = new HttpHeaders();
        close.Add("connection", "close");
        close.Add("content-length", "7");
        var chunked = new HttpHeaders();
        chunked.Add("TRANSFER-ENCODING", "chunked");

        MessageFraming.Decision closing = MessageFraming.Decide(200, false, close, requestWasHead: false, requestWasConnect: false);
        MessageFraming.Decision chunking = MessageFraming.Decide(200, false, chunked, requestWasHead: false, requestWasConnect: false);

        Assert.False(closing.KeepAlive);
        Assert.Equal(Http1BodyFraming.ContentLength, closing.Framing);
        Assert.Equal(7L, closing.ContentLength);
        Assert.Equal(Http1BodyFraming.Chunked, chunking.Framing);
        Assert.True(chunking.KeepAlive);
    }

    private static Http1ResponseHead DecodeHead(string response, string method = "GET")
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse(method);

        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(Encoding.Latin1.GetBytes(response), out _, out _));
        return decoder.Head!;
    }
}
