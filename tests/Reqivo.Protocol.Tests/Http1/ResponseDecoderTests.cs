using System;
using System.Net;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>The decoder's call contract, states and the values it hands out, beyond what transcripts show.</summary>
public sealed class ResponseDecoderTests
{
    [Fact]
    public void Decoding_needs_BeginResponse_first()
    {
        var decoder = new Http1ResponseDecoder();

        Assert.Equal(Http1DecoderState.Idle, decoder.State);
        Assert.Throws<InvalidOperationException>(() => decoder.Decode("HTTP/1.1 200 OK\r\n"u8, out _, out _));
        Assert.Throws<InvalidOperationException>(() => decoder.DecodeEndOfInput());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void BeginResponse_needs_a_method(string? method)
    {
        var decoder = new Http1ResponseDecoder();

        Assert.ThrowsAny<ArgumentException>(() => decoder.BeginResponse(method!));
        Assert.Equal(Http1DecoderState.Idle, decoder.State);
    }

    [Fact]
    public void BeginResponse_is_refused_while_a_response_is_in_progress_and_allowed_after_its_end()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        Assert.Throws<InvalidOperationException>(() => decoder.BeginResponse("GET"));
        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8, out _, out _));
        Assert.Throws<InvalidOperationException>(() => decoder.BeginResponse("GET"));
        Assert.Equal(Http1EventKind.EndOfMessage, decoder.Decode([], out _, out _));
        Assert.Throws<InvalidOperationException>(() => decoder.Decode("H"u8, out _, out _));

        decoder.BeginResponse("GET");
        Assert.Equal(Http1DecoderState.StatusLine, decoder.State);
        Assert.Null(decoder.Head);
    }

    [Fact]
    public void States_follow_the_response_through_every_phase()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        Step(decoder, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n", Http1EventKind.NeedMoreData, Http1DecoderState.Headers);
        Step(decoder, "\r\n", Http1EventKind.ResponseHead, Http1DecoderState.Body);
        Step(decoder, "3\r\nabc", Http1EventKind.BodyData, Http1DecoderState.Body);
        Step(decoder, "\r\n0\r\n", Http1EventKind.NeedMoreData, Http1DecoderState.Trailers);
        Step(decoder, "X-T: 1\r\n\r\n", Http1EventKind.Trailers, Http1DecoderState.Trailers);
        Step(decoder, "", Http1EventKind.EndOfMessage, Http1DecoderState.Done);
    }

    [Fact]
    public void An_upgrade_ends_decoding_and_leaves_the_following_bytes_unconsumed()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        byte[] frame = [0x81, 0x05, .. "hello"u8];
        byte[] input = [.. "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"u8, .. frame];

        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(input, out int consumed, out _));

        Assert.Equal(input.Length - frame.Length, consumed);
        Assert.Equal(Http1DecoderState.Upgraded, decoder.State);
        Assert.True(decoder.Head!.IsUpgrade);
        Assert.Throws<InvalidOperationException>(() => decoder.Decode(input.AsSpan(consumed), out _, out _));
        Assert.Throws<InvalidOperationException>(() => decoder.BeginResponse("GET"));
    }

    [Fact]
    public void HasReceivedBytes_tells_whether_the_server_sent_anything_for_this_request()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        decoder.Decode([], out _, out _);
        Assert.False(decoder.HasReceivedBytes);

        var error = Assert.Throws<ProtocolException>(() => decoder.DecodeEndOfInput());
        Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
        Assert.False(decoder.HasReceivedBytes);

        var second = new Http1ResponseDecoder();
        second.BeginResponse("GET");
        second.Decode("H"u8, out int consumed, out _);
        Assert.Equal(0, consumed);
        Assert.True(second.HasReceivedBytes);
    }

    [Fact]
    public void HasReceivedBytes_and_the_body_count_reset_for_each_response()
    {
        var decoder = new Http1ResponseDecoder();
        ResponseDriver.Run(decoder, ["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"u8.ToArray()], "GET");
        Assert.Equal(3, decoder.BodyBytesReceived);

        decoder.BeginResponse("GET");

        Assert.False(decoder.HasReceivedBytes);
        Assert.Equal(0, decoder.BodyBytesReceived);
        Assert.Null(decoder.Trailers);
    }

    [Fact]
    public void One_body_event_carries_every_available_byte_of_the_current_chunk_and_its_framing()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        decoder.Decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"u8, out _, out _);
        ReadOnlySpan<byte> input = "5\r\nhello\r\n5;x=y\r\nworld\r\n0\r\n\r\n"u8;

        Assert.Equal(Http1EventKind.BodyData, decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> data));
        Assert.Equal("hello", Encoding.ASCII.GetString(data));
        Assert.Equal(8, consumed);
        input = input[consumed..];

        Assert.Equal(Http1EventKind.BodyData, decoder.Decode(input, out consumed, out data));
        Assert.Equal("world", Encoding.ASCII.GetString(data));
        Assert.Equal(2 + 7 + 5, consumed);
        input = input[consumed..];

        Assert.Equal(Http1EventKind.EndOfMessage, decoder.Decode(input, out consumed, out data));
        Assert.Equal(2 + 3 + 2, consumed);
        Assert.Equal(0, data.Length);
        Assert.Null(decoder.Trailers);
    }

    [Fact]
    public void A_content_length_body_never_consumes_the_bytes_after_it()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        decoder.Decode("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"u8, out _, out _);

        Assert.Equal(Http1EventKind.BodyData, decoder.Decode("abcdHTTP/1.1"u8, out int consumed, out ReadOnlySpan<byte> data));

        Assert.Equal(4, consumed);
        Assert.Equal("abcd", Encoding.ASCII.GetString(data));
        Assert.Equal(Http1EventKind.EndOfMessage, decoder.Decode("HTTP/1.1"u8, out consumed, out _));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Content_length_up_to_long_MaxValue_is_accepted()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        decoder.Decode("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\n"u8, out _, out _);
        Http1EventKind kind = decoder.Decode("abc"u8, out int consumed, out _);

        Assert.Equal(long.MaxValue, decoder.Head!.ContentLength);
        Assert.Equal(Http1EventKind.BodyData, kind);
        Assert.Equal(3, consumed);
    }

    [Fact]
    public void The_peer_close_ends_a_close_delimited_body_and_a_pending_end_of_message()
    {
        var closeDelimited = new Http1ResponseDecoder();
        closeDelimited.BeginResponse("GET");
        closeDelimited.Decode("HTTP/1.1 200 OK\r\n\r\n"u8, out _, out _);
        Assert.Equal(Http1EventKind.EndOfMessage, closeDelimited.DecodeEndOfInput());
        Assert.Equal(Http1DecoderState.Done, closeDelimited.State);

        var noBody = new Http1ResponseDecoder();
        noBody.BeginResponse("HEAD");
        noBody.Decode("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"u8, out _, out _);
        Assert.Equal(Http1EventKind.EndOfMessage, noBody.DecodeEndOfInput());
        Assert.Equal(Http1DecoderState.Done, noBody.State);
    }

    [Fact]
    public void Head_is_the_interim_head_after_an_interim_event_then_the_final_one()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        ReadOnlySpan<byte> input = "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8;

        Assert.Equal(Http1EventKind.InterimResponse, decoder.Decode(input, out int consumed, out _));
        Assert.Equal(103, decoder.Head!.StatusCode);
        Assert.Equal(Http1DecoderState.StatusLine, decoder.State);

        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(input[consumed..], out _, out _));
        Assert.Equal(200, decoder.Head!.StatusCode);
        Assert.False(decoder.Head.Headers.Contains("Link"));
    }

    [Fact]
    public void Versions_are_the_shared_HttpVersion_instances()
    {
        Assert.Same(HttpVersion.Version11, DecodeHead("HTTP/1.1 200 OK\r\n\r\n").Version);
        Assert.Same(HttpVersion.Version10, DecodeHead("HTTP/1.0 200 OK\r\n\r\n").Version);
        Assert.Same(HttpVersion.Version11, DecodeHead("HTTP/1.9 200 OK\r\n\r\n").Version);
    }

    [Theory]
    [InlineData("200 OK")]
    [InlineData("404 Not Found")]
    [InlineData("500 Internal Server Error")]
    [InlineData("101 Switching Protocols")]
    public void Standard_reason_phrases_are_shared_strings(string statusAndReason)
    {
        string first = DecodeHead($"HTTP/1.1 {statusAndReason}\r\nContent-Length: 0\r\n\r\n").ReasonPhrase;
        string second = DecodeHead($"HTTP/1.1 {statusAndReason}\r\nContent-Length: 0\r\n\r\n").ReasonPhrase;

        Assert.Equal(statusAndReason[4..], first);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_non_standard_reason_phrase_is_kept_as_sent()
    {
        Assert.Equal("ok", DecodeHead("HTTP/1.1 200 ok\r\n\r\n").ReasonPhrase);
        Assert.Equal("Not Found", DecodeHead("HTTP/1.1 200 Not Found\r\n\r\n").ReasonPhrase);
        Assert.Equal(" spaced\tout ", DecodeHead("HTTP/1.1 200  spaced\tout \r\n\r\n").ReasonPhrase);
    }

    [Fact]
    public void Well_known_names_are_the_canonical_strings_whatever_their_case()
    {
        HttpHeaders headers = DecodeHead("HTTP/1.1 200 OK\r\ncontent-TYPE: a\r\nSET-COOKIE: b\r\nX-Custom: c\r\n\r\n").Headers;

        Assert.Same(HttpHeaderNames.ContentType, headers[0].Name);
        Assert.Same(HttpHeaderNames.SetCookie, headers[1].Name);
        Assert.Equal("X-Custom", headers[2].Name);
    }

    [Fact]
    public void A_known_value_repeated_on_the_same_connection_is_the_same_string_but_never_across_connections()
    {
        byte[] response = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
        byte[] other = "HTTP/1.1 200 OK\r\nServer: apache\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
        var connection = new Http1ResponseDecoder();

        ResponseDriver.Run(connection, [response], "GET");
        string first = connection.Head!.Headers[0].Value;
        ResponseDriver.Run(connection, [response], "GET");
        string repeated = connection.Head!.Headers[0].Value;
        ResponseDriver.Run(connection, [other], "GET");
        string changed = connection.Head!.Headers[0].Value;

        Assert.Same(first, repeated);
        Assert.Equal("apache", changed);
        Assert.NotSame(first, DecodeHead(Encoding.ASCII.GetString(response)).Headers[0].Value);
    }

    [Fact]
    public void Field_values_are_ascii_then_utf8_then_latin1()
    {
        HttpHeaders headers = DecodeHead("HTTP/1.1 200 OK\r\nX-A: plain\r\nX-U: caf\u00C3\u00A9\r\nX-L: caf\u00E9\r\nServer: \u00E9\r\n\r\n", latin1: true).Headers;

        Assert.Equal("plain", headers[0].Value);
        Assert.Equal("café", headers[1].Value);
        Assert.Equal("café", headers[2].Value);
        Assert.Equal("é", headers[3].Value);
    }

    [Fact]
    public void Empty_continuation_lines_add_nothing_to_the_folded_value()
    {
        HttpHeaders headers = DecodeHead("HTTP/1.1 200 OK\r\nX-A: a\r\n   \r\n\tb\r\nX-B:\r\n c\r\n\r\n").Headers;

        Assert.Equal("a b", headers[0].Value);
        Assert.Equal("c", headers[1].Value);
    }

    private static void Step(Http1ResponseDecoder decoder, string input, Http1EventKind expected, Http1DecoderState state)
    {
        Assert.Equal(expected, decoder.Decode(Encoding.ASCII.GetBytes(input), out int consumed, out _));
        Assert.Equal(input.Length, consumed);
        Assert.Equal(state, decoder.State);
    }

    private static Http1ResponseHead DecodeHead(string response, bool latin1 = false)
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        byte[] bytes = latin1 ? Encoding.Latin1.GetBytes(response) : Encoding.ASCII.GetBytes(response);

        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(bytes, out _, out _));
        return decoder.Head!;
    }
}
