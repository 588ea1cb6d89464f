using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using Reqivo.Protocol.Http1;

namespace Reqivo.Benchmarks;

/// <summary>Parsing a typical 10-field response head, and a 64 KiB chunked body, on one reused decoder.</summary>
[MemoryDiagnoser]
public class ResponseBenchmarks
{
    private readonly Http1ResponseDecoder _decoder = new();
    private byte[] _typicalResponse = [];
    private byte[] _chunkedResponse = [];

    [GlobalSetup]
    public void Setup()
    {
        _typicalResponse = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\n" +
            "Date: Fri, 27 Nov 2026 12:00:00 GMT\r\n" +
            "Server: nginx/1.22.1\r\n" +
            "Content-Type: application/json; charset=utf-8\r\n" +
            "Content-Length: 27\r\n" +
            "Connection: keep-alive\r\n" +
            "Cache-Control: no-cache, private\r\n" +
            "ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"\r\n" +
            "Vary: Accept-Encoding\r\n" +
            "X-Request-Id: 5b0d6f2a-6f1e-4c55-9d7e-5c2a9c1e8f10\r\n" +
            "Strict-Transport-Security: max-age=31536000\r\n" +
            "\r\n" +
            "{\"items\":[],\"page\":2,\"n\":0}");

        var chunked = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n");
        string chunk = new('x', 8192);
        for (int i = 0; i < 8; i++)
        {
            chunked.Append("2000\r\n").Append(chunk).Append("\r\n");
        }

        chunked.Append("0\r\n\r\n");
        _chunkedResponse = Encoding.ASCII.GetBytes(chunked.ToString());
    }

    [Benchmark]
    public int ParseTypicalTenFieldResponse() => DecodeAll(_typicalResponse);

    [Benchmark]
    public int ParseChunked64KiBBody() => DecodeAll(_chunkedResponse);

    private int DecodeAll(ReadOnlySpan<byte> input)
    {
        _decoder.BeginResponse("GET");
        int bodyBytes = 0;
        while (true)
        {
            Http1EventKind kind = _decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> body);
            input = input[consumed..];
            switch (kind)
            {
                case Http1EventKind.BodyData:
                    bodyBytes += body.Length;
                    break;
                case Http1EventKind.EndOfMessage:
                    return bodyBytes;
                case Http1EventKind.NeedMoreData:
                    throw new InvalidOperationException("The benchmark input is incomplete.");
            }
        }
    }
}
