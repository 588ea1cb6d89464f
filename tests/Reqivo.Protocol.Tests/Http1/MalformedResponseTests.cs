using System;
using System.Linq;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// Every malformed response fails with the <see cref="ProtocolError"/> naming the broken rule, and with the same
/// error whether it arrives whole, byte by byte or split anywhere. Raw strings are Latin-1: one char, one byte.
/// </summary>
public sealed class MalformedResponseTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\n";
    private const string Chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    public static TheoryData<string, ProtocolError> Cases => new()
    {
        // RFC 9112 §4 / §2.3: status line shape and version.
        { "HTTX/1.1 200 OK\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "http/1.1 200 OK\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "ICY 200 OK\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/11 200 OK\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/1.1\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/1.1-200 OK\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/1.1 200 O\u0001K\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/1.1 200 \u0001OK\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/1.1 200 \u007F\r\n\r\n", ProtocolError.InvalidStatusLine },
        { "HTTP/2.0 200 OK\r\n\r\n", ProtocolError.UnsupportedVersion },
        { "HTTP/0.9 200 OK\r\n\r\n", ProtocolError.UnsupportedVersion },
        { "HTTP/3.0 200 OK\r\n\r\n", ProtocolError.UnsupportedVersion },

        // RFC 9110 §15: status-code = 3DIGIT, 100..999.
        { "HTTP/1.1 20 OK\r\n\r\n", ProtocolError.InvalidStatusCode },
        { "HTTP/1.1 2000 OK\r\n\r\n", ProtocolError.InvalidStatusCode },
        { "HTTP/1.1 1x0 Low\r\n\r\n", ProtocolError.InvalidStatusCode },
        { "HTTP/1.1 abc OK\r\n\r\n", ProtocolError.InvalidStatusCode },
        { "HTTP/1.1 20x OK\r\n\r\n", ProtocolError.InvalidStatusCode },
        { "HTTP/1.1  200 OK\r\n\r\n", ProtocolError.InvalidStatusCode },
        { "HTTP/1.1 \r\n\r\n", ProtocolError.InvalidStatusCode },

        // RFC 9112 §2.2: a CR must be followed by LF.
        { "HTTP/1.1 200 O\rK\r\n\r\n", ProtocolError.BareCarriageReturn },
        { "HTTP/1.1 200 OK\r\r\n\r\n", ProtocolError.BareCarriageReturn },
        { Ok + "X-A: a\rb\r\n\r\n", ProtocolError.BareCarriageReturn },
        { Ok + "\r\r\n", ProtocolError.BareCarriageReturn },
        { Chunked + "5\r\r\nhello\r\n0\r\n\r\n", ProtocolError.BareCarriageReturn },

        // RFC 9110 §5.1 / RFC 9112 §5, §5.1: field lines.
        { Ok + "Bad Name: x\r\n\r\n", ProtocolError.InvalidFieldName },
        { Ok + ": no name\r\n\r\n", ProtocolError.InvalidFieldName },
        { Ok + "(paren): x\r\n\r\n", ProtocolError.InvalidFieldName },
        { Ok + "N\u00E4me: x\r\n\r\n", ProtocolError.InvalidFieldName },
        { Ok + "No-Colon\r\n\r\n", ProtocolError.InvalidFieldLine },
        { Ok + "Name : value\r\n\r\n", ProtocolError.InvalidFieldLine },
        { Ok + "Name\t: value\r\n\r\n", ProtocolError.InvalidFieldLine },
        { Ok + "X-A: a\u0000b\r\n\r\n", ProtocolError.InvalidFieldValue },
        { Ok + "X-A: a\u007Fb\r\n\r\n", ProtocolError.InvalidFieldValue },
        { Ok + "X-A: \u001B[31m\r\n\r\n", ProtocolError.InvalidFieldValue },
        { Ok + "X-A: a\r\n folded\u0001\r\n\r\n", ProtocolError.InvalidFieldValue },

        // RFC 9112 §5.2: a continuation line needs a field before it.
        { Ok + " folded: x\r\n\r\n", ProtocolError.InvalidLineFolding },
        { Ok + "\tX-A: b\r\nContent-Length: 0\r\n\r\n", ProtocolError.InvalidLineFolding },
        { Chunked + "0\r\n more\r\n\r\n", ProtocolError.InvalidLineFolding },

        // RFC 9110 §8.6, RFC 9112 §6.3 (5): Content-Length.
        { Ok + "Content-Length: -1\r\n\r\n", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: +5\r\n\r\nhello", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 5, 6\r\n\r\nhello", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 5,\r\n\r\nhello", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length:\r\n\r\n", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 0x10\r\n\r\n", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 1 2\r\n\r\n", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 9223372036854775808\r\n\r\n", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 99999999999999999999999\r\n\r\n", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 0, 5\r\n\r\nhello", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 0\r\nContent-Length: 5\r\n\r\nhello", ProtocolError.InvalidContentLength },
        { Ok + "Content-Length: 5\u00A0\r\n\r\nhello", ProtocolError.InvalidContentLength },

        // RFC 9112 §6.1: chunked must be the final coding and appear once.
        { Ok + "Transfer-Encoding: chunked, gzip, chunked\r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding:\r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding: , \r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding: chun ked\r\n\r\n", ProtocolError.InvalidTransferEncoding },

        // RFC 9110 §5.6.3: optional whitespace is SP and HTAB only; a no-break space (obs-text 0xA0) is part of the element.
        { Ok + "Transfer-Encoding: chunked\u00A0\r\n\r\n0\r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding: gzip\u00A0, chunked\r\n\r\n0\r\n\r\n", ProtocolError.InvalidTransferEncoding },
        { Ok + "Transfer-Encoding: chunked\u00A0;x=1\r\n\r\n0\r\n\r\n", ProtocolError.InvalidTransferEncoding },

        // RFC 9112 §7.1: chunk-size lines.
        { Chunked + "xyz\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "-5\r\nhello\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "5 x\r\nhello\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "5x\r\nhello\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "5\nhello\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "\n", ProtocolError.InvalidChunkSize },
        { Chunked + "10\n0123456789abcdef\r\n0\r\n\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "5;ext\u0001\r\nhello\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "8000000000000000\r\n", ProtocolError.InvalidChunkSize },
        { Chunked + "10000000000000000\r\n", ProtocolError.InvalidChunkSize },

        // RFC 9112 §7.1: chunk data ends with CRLF.
        { Chunked + "5\r\nhelloXX\r\n0\r\n\r\n", ProtocolError.InvalidChunkTerminator },
        { Chunked + "5\r\nhello\rX0\r\n\r\n", ProtocolError.InvalidChunkTerminator },
        { Chunked + "5\r\nhello\n0\r\n\r\n", ProtocolError.InvalidChunkTerminator },

        // RFC 9110 §6.5.1: framing and routing fields are not allowed in trailers; trailer lines follow field rules.
        { Chunked + "0\r\nContent-Length: 5\r\n\r\n", ProtocolError.InvalidTrailer },
        { Chunked + "0\r\ntransfer-encoding: chunked\r\n\r\n", ProtocolError.InvalidTrailer },
        { Chunked + "0\r\nX-Ok: 1\r\nHost: example.com\r\n\r\n", ProtocolError.InvalidTrailer },
        { Chunked + "0\r\nBad Name: x\r\n\r\n", ProtocolError.InvalidFieldName },

        // RFC 9112 §8: the connection closed before the framing said the message ends.
        { "", ProtocolError.IncompleteMessage },
        { "HTTP/1.1 20", ProtocolError.IncompleteMessage },
        { Ok + "Content-Type: text/plain\r\n", ProtocolError.IncompleteMessage },
        { Ok + "Content-Length: 20\r\n\r\n0123456789", ProtocolError.IncompleteMessage },
        { Chunked, ProtocolError.IncompleteMessage },
        { Chunked + "a\r\n01234", ProtocolError.IncompleteMessage },
        { Chunked + "5\r\nhello", ProtocolError.IncompleteMessage },
        { Chunked + "5\r\nhello\r\n0\r\nX-T: 1\r\n", ProtocolError.IncompleteMessage },
        { "HTTP/1.1 100 Continue\r\n\r\n", ProtocolError.IncompleteMessage },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_responses_fail_with_the_broken_rule_whole_and_byte_by_byte(string raw, ProtocolError expected)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(raw);

        Assert.Equal(expected, ErrorOf(() => ResponseDriver.Whole(bytes)));
        Assert.Equal(expected, ErrorOf(() => ResponseDriver.ByteByByte(bytes)));
        for (int split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal(expected, ErrorOf(() => ResponseDriver.SplitAt(bytes, split)));
        }
    }

    [Fact]
    public void Every_error_the_decoder_raises_has_a_case()
    {
        var covered = Cases.Select(row => (ProtocolError)row[1]).ToHashSet();
        covered.Add(ProtocolError.LimitExceeded); // LimitTests

        // UnexpectedData is for bytes arriving when no response is expected, which the session sees, not the decoder.
        // InvalidCompressedData is the permessage-deflate decompressor's (WebSockets/Deflate tests), not HTTP's.
        var raised = Enum.GetValues<ProtocolError>().Where(e => e is not ProtocolError.UnexpectedData and not ProtocolError.InvalidCompressedData and not ProtocolError.WebSocket);
        Assert.All(raised, e => Assert.Contains(e, covered));
    }

    [Fact]
    public void After_a_protocol_error_the_decoder_is_failed_and_refuses_more_input()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");

        Assert.Throws<ProtocolException>(() => decoder.Decode("HTTP/9.9 200 OK\r\n"u8, out _, out _));

        Assert.Equal(Http1DecoderState.Failed, decoder.State);
        Assert.Throws<InvalidOperationException>(() => decoder.Decode("HTTP/1.1 200 OK\r\n"u8, out _, out _));
        Assert.Throws<InvalidOperationException>(() => decoder.DecodeEndOfInput());
        Assert.Throws<InvalidOperationException>(() => decoder.BeginResponse("GET"));
    }

    [Fact]
    public void An_incomplete_message_leaves_the_decoder_failed()
    {
        var decoder = new Http1ResponseDecoder();
        decoder.BeginResponse("GET");
        decoder.Decode("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n"u8, out _, out _);
        decoder.Decode("0123456789"u8, out _, out _);

        var error = Assert.Throws<ProtocolException>(() => decoder.DecodeEndOfInput());

        Assert.Equal(ProtocolError.IncompleteMessage, error.Error);
        Assert.Equal(10, decoder.BodyBytesReceived);
        Assert.Equal(Http1DecoderState.Failed, decoder.State);
    }

    internal static ProtocolError? ErrorOf(Func<Transcript> decode)
    {
        try
        {
            Transcript transcript = decode();
            Assert.Fail($"Expected a ProtocolException, got:\n{transcript.Text}");
            return null;
        }
        catch (ProtocolException error)
        {
            return error.Error;
        }
    }
}
