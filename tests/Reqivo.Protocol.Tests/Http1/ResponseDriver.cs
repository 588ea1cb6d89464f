using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Reqivo.Protocol.Http1;

namespace Reqivo.Protocol.Tests.Http1;

/// <summary>What decoding one response produced, normalized so that it does not depend on how the input was split.</summary>
/// <param name="Text">The events, heads, concatenated body and trailers, one item a line.</param>
/// <param name="Leftover">The bytes the decoder did not consume when the response ended (the next response's, or an upgraded protocol's).</param>
internal sealed record Transcript(string Text, byte[] Leftover);

/// <summary>
/// Plays the caller of <see cref="Http1ResponseDecoder"/>: it keeps unconsumed bytes, appends each piece of input,
/// decodes until the decoder needs more, and reports the peer's close when the input runs out. It records a
/// transcript and checks the decoder's contract on every call (consumed in range, body data a slice of the input,
/// progress made).
/// </summary>
internal static class ResponseDriver
{
    public static Transcript Whole(byte[] bytes, string method = "GET", Http1Limits? limits = null) =>
        Run([bytes], method, limits);

    public static Transcript ByteByByte(byte[] bytes, string method = "GET", Http1Limits? limits = null) =>
        Run(bytes.Select(b => new[] { b }), method, limits);

    public static Transcript SplitAt(byte[] bytes, int split, string method = "GET", Http1Limits? limits = null) =>
        Run([bytes[..split], bytes[split..]], method, limits);

    public static Transcript Run(IEnumerable<byte[]> pieces, string method = "GET", Http1Limits? limits = null) =>
        Run(new Http1ResponseDecoder(limits), pieces, method);

    /// <summary>Decodes one response from <paramref name="pieces"/> with <paramref name="decoder"/>.</summary>
    public static Transcript Run(Http1ResponseDecoder decoder, IEnumerable<byte[]> pieces, string method)
    {
        decoder.BeginResponse(method);
        var recorder = new Recorder();
        var pending = new List<byte>();
        bool finished = false;
        foreach (byte[] piece in pieces)
        {
            pending.AddRange(piece);
            if (!finished)
            {
                finished = Pump(decoder, pending, recorder);
            }
        }

        if (!finished)
        {
            recorder.Add(decoder, decoder.DecodeEndOfInput(), default);
        }

        recorder.Finish(decoder);
        return new Transcript(recorder.ToString(), [.. pending]);
    }

    /// <summary>Decodes until the decoder needs more bytes (false) or the response is over (true).</summary>
    private static bool Pump(Http1ResponseDecoder decoder, List<byte> pending, Recorder recorder)
    {
        int idleEvents = 0;
        while (true)
        {
            ReadOnlySpan<byte> input = CollectionsMarshal.AsSpan(pending);
            Http1EventKind kind = decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> body);

            Assert.InRange(consumed, 0, input.Length);
            if (kind == Http1EventKind.BodyData)
            {
                // Body data is never copied and never empty: it is the slice of the input just before `consumed`.
                Assert.NotEqual(0, body.Length);
                Assert.True(Unsafe.AreSame(
                    ref MemoryMarshal.GetReference(body),
                    ref Unsafe.Add(ref MemoryMarshal.GetReference(input), consumed - body.Length)));
            }
            else
            {
                Assert.Equal(0, body.Length);
            }

            recorder.Add(decoder, kind, body);
            pending.RemoveRange(0, consumed);
            idleEvents = consumed == 0 ? idleEvents + 1 : 0;
            Assert.True(idleEvents < 4, "The decoder reports events without making progress.");

            switch (kind)
            {
                case Http1EventKind.NeedMoreData:
                    return false;
                case Http1EventKind.EndOfMessage:
                    return true;
                case Http1EventKind.ResponseHead when decoder.State == Http1DecoderState.Upgraded:
                    return true;
            }
        }
    }

    /// <summary>Renders bytes as printable ASCII with escapes, for transcripts and messages.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes)
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'\\' => "\\\\",
                < 0x20 or >= 0x7F => $"\\x{b:X2}",
                _ => ((char)b).ToString(),
            });
        }

        return text.ToString();
    }

    private sealed class Recorder
    {
        private readonly List<string> _lines = [];
        private readonly List<byte> _body = [];

        public void Add(Http1ResponseDecoder decoder, Http1EventKind kind, ReadOnlySpan<byte> body)
        {
            if (kind is not (Http1EventKind.BodyData or Http1EventKind.NeedMoreData))
            {
                FlushBody();
            }

            switch (kind)
            {
                case Http1EventKind.InterimResponse:
                    AddHead("interim", decoder.Head!);
                    break;
                case Http1EventKind.ResponseHead:
                    AddHead("head", decoder.Head!);
                    break;
                case Http1EventKind.BodyData:
                    _body.AddRange(body);
                    break;
                case Http1EventKind.Trailers:
                    _lines.Add("trailers");
                    AddFields(decoder.Trailers!);
                    break;
                case Http1EventKind.EndOfMessage:
                    _lines.Add($"end body={decoder.BodyBytesReceived}");
                    break;
            }
        }

        public void Finish(Http1ResponseDecoder decoder)
        {
            FlushBody();
            _lines.Add($"state {decoder.State}");
        }

        public override string ToString() => string.Join("\n", _lines);

        private void AddHead(string kind, Http1ResponseHead head)
        {
            string framing = head.ContentLength is long length ? $"{head.Framing}({length})" : head.Framing.ToString();
            string connection = head.KeepAlive ? "keep-alive" : "close";
            string upgrade = head.IsUpgrade ? " upgrade" : string.Empty;
            _lines.Add($"{kind} {head.StatusCode} \"{head.ReasonPhrase}\" {head.Version} {framing} {connection}{upgrade}");
            AddFields(head.Headers);
        }

        private void AddFields(HttpHeaders fields)
        {
            foreach (HttpField field in fields)
            {
                _lines.Add(field.Value.Length == 0 ? $"  {field.Name}:" : $"  {field.Name}: {field.Value}");
            }
        }

        private void FlushBody()
        {
            if (_body.Count > 0)
            {
                _lines.Add($"body \"{Escape(CollectionsMarshal.AsSpan(_body))}\"");
                _body.Clear();
            }
        }
    }
}
