using System;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>
/// After warm-up the framing and body paths allocate nothing, and a header value equal to the previous response's
/// on the same connection reuses its string. Measured with the current thread's allocation counter, which is exact.
/// </summary>
public sealed class AllocationTests
{
    private const int BodyLength = 64 * 1024;

    [Fact]
    public void Decoding_a_64_KiB_chunked_body_allocates_nothing()
    {
        byte[] response = ChunkedResponse();
        var decoder = new Http1ResponseDecoder();
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            DecodeBody(decoder, response, piece: 1000);
        }

        long allocated = DecodeBody(decoder, response, piece: 1000);
        long allocatedWhole = DecodeBody(decoder, response, piece: response.Length);

        Assert.Equal(0, allocated);
        Assert.Equal(0, allocatedWhole);
    }

    [Fact]
    public void Decoding_a_64_KiB_content_length_body_allocates_nothing()
    {
        byte[] response = [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {BodyLength}\r\n\r\n"), .. new byte[BodyLength]];
        var decoder = new Http1ResponseDecoder();
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            DecodeBody(decoder, response, piece: 1000);
        }

        Assert.Equal(0, DecodeBody(decoder, response, piece: 1000));
    }

    [Fact]
    public void Repeated_known_header_values_allocate_no_strings()
    {
        // Two decoders with the same ten field names and head shape: one whose values repeat, one whose values are
        // empty (the shared empty string). The only difference a value string could make is its allocation.
        byte[] repeated = TenHeaderResponse(
            "Mon, 01 Jan 2024 00:00:00 GMT", "nginx/1.22.1", "application/json; charset=utf-8", "no-cache, no-store",
            "\"33a64df551425fcc55e4d42a148795d9f25f89d4\"", "Sun, 31 Dec 2023 23:59:59 GMT", "Accept-Encoding", "bytes", "keep-alive");
        byte[] empty = TenHeaderResponse("", "", "", "", "", "", "", "", "");
        var repeatedDecoder = new Http1ResponseDecoder();
        var emptyDecoder = new Http1ResponseDecoder();
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            DecodeResponse(repeatedDecoder, repeated);
            DecodeResponse(emptyDecoder, empty);
        }

        Http1ResponseHead previous = repeatedDecoder.Head!;
        long withValues = DecodeResponse(repeatedDecoder, repeated);
        long withEmptyValues = DecodeResponse(emptyDecoder, empty);

        Assert.Equal(withEmptyValues, withValues);
        for (int i = 0; i < previous.Headers.Count; i++)
        {
            Assert.Same(previous.Headers[i].Name, repeatedDecoder.Head!.Headers[i].Name);
            Assert.Same(previous.Headers[i].Value, repeatedDecoder.Head!.Headers[i].Value);
        }
    }

    /// <summary>Decodes a response head unmeasured, then its body through a caller buffer fed <paramref name="piece"/> bytes at a time; returns the body's allocation.</summary>
    private static long DecodeBody(Http1ResponseDecoder decoder, byte[] response, int piece)
    {
        decoder.BeginResponse("GET");
        Assert.Equal(Http1EventKind.ResponseHead, decoder.Decode(response, out int start, out _));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int end = Math.Min(response.Length, start + piece);
        long body = 0;
        while (true)
        {
            Http1EventKind kind = decoder.Decode(response.AsSpan(start, end - start), out int consumed, out ReadOnlySpan<byte> data);
            start += consumed;
            body += data.Length;
            if (kind == Http1EventKind.EndOfMessage)
            {
                break;
            }

            if (kind == Http1EventKind.NeedMoreData)
            {
                end = Math.Min(response.Length, end + piece);
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(BodyLength, body);
        Assert.Equal(response.Length, start);
        return allocated;
    }

    private static long DecodeResponse(Http1ResponseDecoder decoder, byte[] response)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        decoder.BeginResponse("GET");
        Http1EventKind head = decoder.Decode(response, out int consumed, out _);
        Http1EventKind end = decoder.Decode(response.AsSpan(consumed), out _, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Http1EventKind.ResponseHead, head);
        Assert.Equal(Http1EventKind.EndOfMessage, end);
        return allocated;
    }

    private static byte[] TenHeaderResponse(params string[] values) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\n"
        + $"Date: {values[0]}\r\nServer: {values[1]}\r\nContent-Type: {values[2]}\r\nCache-Control: {values[3]}\r\n"
        + $"ETag: {values[4]}\r\nLast-Modified: {values[5]}\r\nVary: {values[6]}\r\nAccept-Ranges: {values[7]}\r\n"
        + $"Connection: {values[8]}\r\nContent-Length: 0\r\n\r\n");

    private static byte[] ChunkedResponse()
    {
        var text = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        int written = 0;
        int size = 1;
        while (written < BodyLength)
        {
            int chunk = Math.Min(size, BodyLength - written);
            text.Append(chunk.ToString("x")).Append(chunk % 2 == 0 ? ";ext=value" : string.Empty).Append("\r\n");
            text.Append('b', chunk).Append("\r\n");
            written += chunk;
            size = size * 3 % 8191 + 1;
        }

        text.Append("0\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
