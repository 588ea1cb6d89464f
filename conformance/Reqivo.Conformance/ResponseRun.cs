using System;
using System.Collections.Generic;
using System.Text;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Conformance;

/// <summary>
/// What <see cref="Http1ResponseDecoder"/> made of one response: the events in order, the interim and final heads,
/// the body, the trailers, the bytes it left unconsumed, and the <see cref="ProtocolException"/> if it refused the
/// input.
/// </summary>
internal sealed class ResponseRun
{
    private readonly StringBuilder _body = new();

    private ResponseRun(Http1ResponseDecoder decoder)
    {
        Decoder = decoder;
    }

    /// <summary>The decoder, left in the state the response put it in (for a next response, or to check Failed).</summary>
    public Http1ResponseDecoder Decoder { get; }

    /// <summary>Every event reported, NeedMoreData excluded, including the EndOfMessage of the peer's close.</summary>
    public List<Http1EventKind> Events { get; } = [];

    /// <summary>The heads of the InterimResponse events, in order.</summary>
    public List<Http1ResponseHead> InterimHeads { get; } = [];

    /// <summary>The head of the ResponseHead event; null when there was none.</summary>
    public Http1ResponseHead? Head { get; private set; }

    /// <summary>The body octets, one char per octet.</summary>
    public string Body => _body.ToString();

    /// <summary>The trailers of the Trailers event; null when there was none.</summary>
    public HttpHeaders? Trailers { get; private set; }

    /// <summary>The input octets the decoder did not consume (the next response's, or a new protocol's).</summary>
    public string Leftover { get; private set; } = string.Empty;

    /// <summary>Why the decoder refused the input; null when it did not.</summary>
    public ProtocolException? Error { get; private set; }

    /// <summary>Whether the response ended with EndOfMessage.</summary>
    public bool Completed => Events.Count > 0 && Events[^1] == Http1EventKind.EndOfMessage;

    /// <summary>
    /// Decodes one response to a <paramref name="method"/> request from <paramref name="wire"/> (one char per octet),
    /// passed whole. When the decoder needs more than the input holds and <paramref name="peerCloses"/> is true, the
    /// peer is taken to have closed the connection (<see cref="Http1ResponseDecoder.DecodeEndOfInput"/>).
    /// </summary>
    public static ResponseRun Decode(
        string wire,
        string method = "GET",
        bool peerCloses = true,
        Http1Limits? limits = null,
        Http1ResponseDecoder? decoder = null)
    {
        var run = new ResponseRun(decoder ?? new Http1ResponseDecoder(limits));
        run.Feed(Wire.Bytes(wire), method, peerCloses);
        return run;
    }

    /// <summary>Decodes the next response on the same connection from the bytes this one left over.</summary>
    public ResponseRun Next(string method = "GET", bool peerCloses = true) =>
        Decode(Leftover, method, peerCloses, decoder: Decoder);

    /// <summary>A one-line account of the run, for failure messages.</summary>
    public override string ToString()
    {
        string head = Head is null ? "no head" : $"head {Head.StatusCode} {Head.Framing} keepAlive={Head.KeepAlive} upgrade={Head.IsUpgrade}";
        string error = Error is null ? string.Empty : $" error {Error.Error}";
        return $"events [{string.Join(", ", Events)}] {head} body \"{Wire.Escape(Body)}\" leftover \"{Wire.Escape(Leftover)}\"{error}";
    }

    private void Feed(byte[] input, string method, bool peerCloses)
    {
        Decoder.BeginResponse(method);
        int offset = 0;
        try
        {
            while (true)
            {
                Http1EventKind kind = Decoder.Decode(input.AsSpan(offset), out int consumed, out ReadOnlySpan<byte> body);
                offset += consumed;
                if (kind == Http1EventKind.NeedMoreData)
                {
                    if (peerCloses)
                    {
                        Record(Decoder.DecodeEndOfInput(), default);
                    }

                    return;
                }

                Record(kind, body);
                if (kind == Http1EventKind.EndOfMessage
                    || (kind == Http1EventKind.ResponseHead && Decoder.State == Http1DecoderState.Upgraded))
                {
                    return;
                }
            }
        }
        catch (ProtocolException e)
        {
            Error = e;
        }
        finally
        {
            Leftover = Wire.Text(input.AsSpan(offset));
        }
    }

    private void Record(Http1EventKind kind, ReadOnlySpan<byte> body)
    {
        Events.Add(kind);
        switch (kind)
        {
            case Http1EventKind.InterimResponse:
                InterimHeads.Add(Decoder.Head!);
                break;
            case Http1EventKind.ResponseHead:
                Head = Decoder.Head;
                break;
            case Http1EventKind.BodyData:
                _body.Append(Wire.Text(body));
                break;
            case Http1EventKind.Trailers:
                Trailers = Decoder.Trailers;
                break;
        }
    }
}
