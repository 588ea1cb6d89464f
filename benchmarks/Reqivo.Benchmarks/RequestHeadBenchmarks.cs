using System.Buffers;
using BenchmarkDotNet.Attributes;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Benchmarks;

/// <summary>Serializing a typical GET request head (8 fields) into a reused buffer writer.</summary>
[MemoryDiagnoser]
public class RequestHeadBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private Http1RequestHead _head = null!;

    [GlobalSetup]
    public void Setup()
    {
        _head = new Http1RequestHead("GET", RequestTarget.Origin("/api/v1/items?page=2&sort=name"), "api.example.com");
        _head.Headers.Add("User-Agent", "Reqivo/0.1");
        _head.Headers.Add("Accept", "application/json");
        _head.Headers.Add("Accept-Encoding", "gzip, deflate, br");
        _head.Headers.Add("Accept-Language", "en-GB,en;q=0.9");
        _head.Headers.Add("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo");
        _head.Headers.Add("Cache-Control", "no-cache");
        _head.Headers.Add("Connection", "keep-alive");
        _head.Headers.Add("X-Request-Id", "5b0d6f2a-6f1e-4c55-9d7e-5c2a9c1e8f10");
    }

    [Benchmark]
    public int SerializeTypicalGetHead()
    {
        _output.ResetWrittenCount();
        return Http1RequestWriter.Write(_head, _output);
    }
}
