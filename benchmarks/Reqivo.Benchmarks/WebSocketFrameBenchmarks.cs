using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Benchmarks;

/// <summary>
/// The WebSocket codec's hot paths: masking a 64 KiB payload (against a byte-at-a-time loop), validating 64 KiB of
/// text (against the BCL's <see cref="System.Text.Unicode.Utf8.IsValid(ReadOnlySpan{byte})"/>, which is not
/// incremental), and decoding and encoding 16-byte text messages.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WebSocketFrameBenchmarks
{
    private const string Masking = "Mask64KiB";
    private const string Utf8Text = "Utf8Mixed64KiB";
    private const string SmallFrames = "Frames16B";
    private const uint Key = 0x37fa213d;
    private const int FramesPerBatch = 1000;

    private readonly Utf8Validator _validator = new();
    private readonly byte[] _frameBuffer = new byte[64];
    private byte[] _payload = [];
    private byte[] _text = [];
    private byte[] _serverFrames = [];

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[64 * 1024];
        new Random(6455).NextBytes(_payload);
        var text = new StringBuilder();
        while (text.Length < 32 * 1024)
        {
            text.Append("The quick brown fox — κόσμε — jumps over the lazy dog 𤭢. ");
        }

        _text = Encoding.UTF8.GetBytes(text.ToString());
        byte[] frame = [0x81, 16, .. "0123456789abcdef"u8];
        _serverFrames = new byte[frame.Length * FramesPerBatch];
        for (int i = 0; i < FramesPerBatch; i++)
        {
            frame.CopyTo(_serverFrames, i * frame.Length);
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Masking)]
    public void MaskByteByByte()
    {
        Span<byte> data = _payload;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= (byte)(Key >> (24 - ((i & 3) * 8)));
        }
    }

    [Benchmark]
    [BenchmarkCategory(Masking)]
    public void MaskVectorised() => WebSocketMasking.Apply(_payload, Key);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Utf8Text)]
    public bool Utf8IsValidBcl() => System.Text.Unicode.Utf8.IsValid(_text);

    [Benchmark]
    [BenchmarkCategory(Utf8Text)]
    public bool Utf8ValidatorIncremental() => _validator.Append(_text) & _validator.Complete();

    [Benchmark]
    [BenchmarkCategory(SmallFrames)]
    public int Decode1000TextFrames()
    {
        var decoder = new WebSocketFrameDecoder();
        ReadOnlySpan<byte> input = _serverFrames;
        int messages = 0;
        while (!input.IsEmpty)
        {
            WebSocketFrameEventKind kind = decoder.Decode(input, out int consumed, out _);
            input = input[consumed..];
            messages += kind == WebSocketFrameEventKind.EndOfMessage ? 1 : 0;
        }

        // The final EndOfMessage consumes nothing.
        return messages + (decoder.Decode(input, out _, out _) == WebSocketFrameEventKind.EndOfMessage ? 1 : 0);
    }

    [Benchmark]
    [BenchmarkCategory(SmallFrames)]
    public int Encode1000TextFrames()
    {
        int written = 0;
        for (int i = 0; i < FramesPerBatch; i++)
        {
            written += WebSocketFrameEncoder.WriteFrame(_frameBuffer, WebSocketOpcode.Text, true, "0123456789abcdef"u8, Key + (uint)i);
        }

        return written;
    }
}
