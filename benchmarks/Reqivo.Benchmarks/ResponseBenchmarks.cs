using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Reqivo.Protocol.Http1;

namespace Reqivo.Benchmarks;

/// <summary>
/// Parsing a typical 10-field response head, and a 64 KiB chunked body, on one reused decoder (as on a kept-alive
/// connection). Each is compared with <see cref="LowerBoundScanner"/> over the same bytes: the baseline is the least
/// work that finds the same framing, so the ratio is what validation, limits, resumability and the head's strings cost.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ResponseBenchmarks
{
    private const string TenFields = "TenFieldHead";
    private const string Chunked = "Chunked64KiB";

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

        // The baseline must find the same body as the decoder, or the ratio compares different jobs.
        CheckSameBody(_typicalResponse, 27);
        CheckSameBody(_chunkedResponse, 64 * 1024);
    }

    [Benchmark]
    [BenchmarkCategory(TenFields)]
    public int ParseTypicalTenFieldResponse() => DecodeAll(_typicalResponse);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(TenFields)]
    public int ScanTypicalTenFieldResponseLowerBound() => LowerBoundScanner.BodyLength(_typicalResponse);

    [Benchmark]
    [BenchmarkCategory(Chunked)]
    public int ParseChunked64KiBBody() => DecodeAll(_chunkedResponse);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Chunked)]
    public int ScanChunked64KiBBodyLowerBound() => LowerBoundScanner.BodyLength(_chunkedResponse);

    private void CheckSameBody(byte[] response, int expected)
    {
        int decoded = DecodeAll(response);
        int scanned = LowerBoundScanner.BodyLength(response);
        if (decoded != expected || scanned != expected)
        {
            throw new InvalidOperationException($"Body lengths differ: expected {expected}, decoder {decoded}, scanner {scanned}.");
        }
    }

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
