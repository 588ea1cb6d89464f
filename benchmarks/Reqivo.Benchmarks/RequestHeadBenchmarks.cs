using System;
using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Benchmarks;

/// <summary>
/// Serializing a typical GET request head (Host and 8 fields): Reqivo's writer into a reused buffer writer, against
/// the naive way (string concatenation, then <see cref="Encoding.ASCII"/>) as the baseline. Both produce the same bytes.
/// </summary>
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

        // A ratio means something only when both sides do the same job: check they produce the same bytes.
        SerializeTypicalGetHead();
        byte[] naive = NaiveHead(_head);
        if (!_output.WrittenSpan.SequenceEqual(naive))
        {
            throw new InvalidOperationException("The naive baseline and the writer produce different request heads.");
        }
    }

    [Benchmark]
    public int SerializeTypicalGetHead()
    {
        _output.ResetWrittenCount();
        return Http1RequestWriter.Write(_head, _output);
    }

    [Benchmark(Baseline = true)]
    public int NaiveConcatenationThenGetBytes() => NaiveHead(_head).Length;

    /// <summary>What a first attempt looks like: one string for the head, then one byte array for the wire.</summary>
    private static byte[] NaiveHead(Http1RequestHead head)
    {
        string text = head.Method + " " + head.Target.Value + " HTTP/1.1\r\nHost: " + head.Host + "\r\n";
        for (int i = 0; i < head.Headers.Count; i++)
        {
            text += head.Headers[i].Name + ": " + head.Headers[i].Value + "\r\n";
        }

        text += "\r\n";
        return Encoding.ASCII.GetBytes(text);
    }
}
