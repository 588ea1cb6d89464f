using System;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// What one decoder carries from call to call and from response to response: its state during every kind of body,
/// the status-line budget, <see cref="Http1ResponseDecoder.HasReceivedBytes"/>, and the strings of repeated values.
/// </summary>
public sealed class DecoderContinuityTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n")]
    public void The_state_is_Body_while_a_length_or_close_delimited_body_is_read(string head)
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(Encoding.ASCII.GetBytes(head), out _, out _));
        Assert.Equal(Http1DecoderState.Body, decoder.State);
        Assert.Equal(Http1EventKind.BodyData, decoder.Decode("abc"u8, out _, out _));
        Assert.Equal(Http1DecoderState.Body, decoder.State);
    }

    [Fact]
    public void Each_status_line_has_its_whole_budget_after_a_large_head_on_the_same_connection()
    {
        var decoder = new Http1ResponseDecoder(new Http1Limits { MaxStatusLineLength = 32 });
        byte[] large = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nX-Pad: {new string('p', 200)}\r\nContent-Length: 0\r\n\r\n");
        byte[] next = "HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray();

        Assert.EndsWith("state Done", ResponseDriver.Run(decoder, [large], "GET").Text, StringComparison.Ordinal);
        Assert.EndsWith("state Done", ResponseDriver.Run(decoder, [next], "GET").Text, StringComparison.Ordinal);
        Assert.Equal(204, decoder.Head!.StatusCode);
    }

    [Fact]
    public void The_final_status_line_has_its_whole_budget_after_a_large_interim_head()
    {
        var decoder = new Http1ResponseDecoder(new Http1Limits { MaxStatusLineLength = 32 });
        byte[] response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 103 Early Hints\r\nLink: </{new string('s', 200)}.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        Assert.EndsWith("state Done", ResponseDriver.Run(decoder, [response], "GET").Text, StringComparison.Ordinal);
        Assert.Equal(200, decoder.Head!.StatusCode);
    }

    [Fact]
    public void HasReceivedBytes_stays_true_over_several_calls_with_bytes()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode("HTTP/1.1 2"u8, out _, out _));
        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode("HTTP/1.1 200 OK\r\n"u8, out _, out _));
        Assert.Equal(Http1EventKind.NeedMoreData, decoder.Decode([], out _, out _));

        Assert.True(decoder.HasReceivedBytes);
    }

    [Fact]
    public void A_refused_Decode_call_changes_nothing()
    {
        var decoder = new Http1ResponseDecoder();

        Assert.Throws<InvalidOperationException>(() => decoder.Decode("HTTP/1.1 200 OK\r\n"u8, out _, out _));

        Assert.False(decoder.HasReceivedBytes);
        Assert.Equal(Http1DecoderState.Idle, decoder.State);
    }

    [Fact]
    public void An_empty_known_field_value_is_the_empty_string()
    {
        var decoder = new Http1ResponseDecoder();

        ResponseDriver.Run(decoder, ["HTTP/1.1 200 OK\r\nServer:\r\nVary: \r\nContent-Length: 0\r\n\r\n"u8.ToArray()], "GET");

        Assert.Equal("", decoder.Head!.Headers[0].Value);
        Assert.Equal("", decoder.Head.Headers[1].Value);
    }

    [Fact]
    public void Repeated_values_up_to_256_bytes_are_shared_and_longer_ones_are_not()
    {
        string longest = new('a', 256);
        string tooLong = new('b', 257);
        byte[] response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nETag: {longest}\r\nLink: {tooLong}\r\nContent-Length: 0\r\n\r\n");
        var decoder = new Http1ResponseDecoder();

        ResponseDriver.Run(decoder, [response], "GET");
        HttpHeaders first = decoder.Head!.Headers;
        ResponseDriver.Run(decoder, [response], "GET");
        HttpHeaders second = decoder.Head!.Headers;

        Assert.Equal(longest, second[0].Value);
        Assert.Same(first[0].Value, second[0].Value);
        Assert.Equal(tooLong, second[1].Value);
        Assert.NotSame(first[1].Value, second[1].Value);
    }
}
