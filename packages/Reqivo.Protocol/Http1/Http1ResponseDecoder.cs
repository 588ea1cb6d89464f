using System;

namespace Reqivo.Protocol.Http1;

// Theory of operation
// ---------------------
// The caller owns the buffer. It calls BeginResponse once per request, then Decode with every unconsumed byte it
// holds. Each call reports at most one event and how many bytes it used; the caller drops those bytes, keeps the
// rest, appends what the peer sends next and calls again. A line (status line, field line, chunk-size line) is
// consumed only once complete, but its length is checked against the limits before that, so the caller never
// buffers more than a limit. Steps that produce no event (empty lines before a status line, field lines,
// chunk-size lines, chunk terminators) run back to back within one call.
//
// The phases (enum Phase below). Every transition is made in this file: BeginResponse, DecodeStep, CompleteHead,
// DecodeEndOfInput, and the failure path of Decode. The partial files by concern (.StatusLine, .Fields, .Chunked)
// only parse and report what they found; MessageFraming decides the body framing as a pure function of the head.
//
//  Idle/Done --BeginResponse--> StatusLine --status line--> HeaderFields --empty line--> CompleteHead:
//    1xx other than 101    --InterimResponse--> StatusLine          (at most MaxInterimResponses times)
//    101, 2xx to CONNECT   --ResponseHead-----> Upgraded            (no more input accepted)
//    no body               --ResponseHead-----> EndOfBody
//    Content-Length: n     --ResponseHead-----> FixedLengthBody --n bytes of BodyData--> EndOfBody
//    close-delimited       --ResponseHead-----> CloseDelimitedBody --BodyData ... DecodeEndOfInput--> Done
//    chunked               --ResponseHead-----> ChunkSizeLine
//  ChunkSizeLine --size > 0--> ChunkData --BodyData until the chunk ends--> ChunkDataEnd --CRLF--> ChunkSizeLine
//  ChunkSizeLine --size 0--> TrailerFields --empty line--> Trailers event then EndOfTrailers, or EndOfMessage
//  EndOfBody / EndOfTrailers --EndOfMessage (consumes nothing)--> Done
//  any phase --malformed input or a limit--> Failed (ProtocolException; the connection must be closed)

/// <summary>
/// An incremental, sans-I/O decoder of the HTTP/1.1 responses of one connection (RFC 9112): it is fed bytes in any
/// split and reports one event per call, with the same events and values for every way the bytes are split.
/// </summary>
/// <remarks>
/// <para>Call <see cref="BeginResponse"/> before each response, then <see cref="Decode"/> with every byte received
/// and not yet consumed. Each call reports at most one event and how many bytes it used; keep the rest, append what
/// the peer sends next and call again. A partial line is never consumed, but a line that cannot end within its
/// limit fails as soon as the limit's worth of bytes has arrived, so the caller never buffers more than
/// <see cref="Limits"/> allow. When the peer closes the connection, call <see cref="DecodeEndOfInput"/>.</para>
/// <para>Body bytes are never copied (<c>bodyData</c> is a slice of the input), the body path allocates nothing,
/// and a well-known header value equal to the previous response's reuses its string.</para>
/// <para>An instance is not thread-safe.</para>
/// </remarks>
public sealed partial class Http1ResponseDecoder
{
    private readonly FieldValueCache _valueCache = new();
    private Phase _phase = Phase.Idle;

    // The exchange: set by BeginResponse.
    private bool _requestWasHead;
    private bool _requestWasConnect;
    private bool _hasReceivedBytes;
    private int _interimResponses;

    // The line-delimited section being read (status line with the empty lines before it, field section or trailer
    // section): its bytes so far, counted across calls against the section's limit.
    private int _sectionBytes;

    // The head being read.
    private Version? _version;
    private int _statusCode;
    private string _reasonPhrase = string.Empty;
    private HttpHeaders? _fields;
    private int _fieldCapacity = 8;

    // The body: bytes left of the Content-Length body or of the current chunk, the current chunk's size, and the
    // trailer section being read.
    private long _remaining;
    private long _chunkSize;
    private long _bodyBytesReceived;
    private HttpHeaders? _trailerFields;

    /// <summary>Creates a decoder for the responses of one connection.</summary>
    /// <param name="limits">The limits to enforce; <see cref="Http1Limits.Default"/> when null.</param>
    public Http1ResponseDecoder(Http1Limits? limits = null)
    {
        Limits = limits ?? Http1Limits.Default;
    }

    /// <summary>The phases of the state machine; <see cref="State"/> is their public summary.</summary>
    private enum Phase
    {
        Idle,
        StatusLine,
        HeaderFields,
        FixedLengthBody,
        CloseDelimitedBody,
        ChunkSizeLine,
        ChunkData,
        ChunkDataEnd,
        TrailerFields,
        EndOfBody,
        EndOfTrailers,
        Done,
        Upgraded,
        Failed,
    }

    /// <summary>The limits this decoder enforces.</summary>
    public Http1Limits Limits { get; }

    /// <summary>Where the decoder is in the current response.</summary>
    public Http1DecoderState State => _phase switch
    {
        Phase.Idle => Http1DecoderState.Idle,
        Phase.StatusLine => Http1DecoderState.StatusLine,
        Phase.HeaderFields => Http1DecoderState.Headers,
        Phase.FixedLengthBody or Phase.CloseDelimitedBody or Phase.ChunkSizeLine or Phase.ChunkData
            or Phase.ChunkDataEnd or Phase.EndOfBody => Http1DecoderState.Body,
        Phase.TrailerFields or Phase.EndOfTrailers => Http1DecoderState.Trailers,
        Phase.Done => Http1DecoderState.Done,
        Phase.Upgraded => Http1DecoderState.Upgraded,
        _ => Http1DecoderState.Failed,
    };

    /// <summary>
    /// The head of the last <see cref="Http1EventKind.InterimResponse"/> or <see cref="Http1EventKind.ResponseHead"/>
    /// event of the current response; null before the first one.
    /// </summary>
    public Http1ResponseHead? Head { get; private set; }

    /// <summary>The trailer fields after a <see cref="Http1EventKind.Trailers"/> event; null when the response had none.</summary>
    public HttpHeaders? Trailers { get; private set; }

    /// <summary>
    /// Whether any byte of the current response was passed to <see cref="Decode"/>. When the connection fails while
    /// this is false, the server sent nothing for the request, which lets the caller decide whether a retry is safe.
    /// </summary>
    public bool HasReceivedBytes => _hasReceivedBytes;

    /// <summary>The number of body bytes (without chunk framing) reported so far for the current response.</summary>
    public long BodyBytesReceived => _bodyBytesReceived;

    /// <summary>Prepares for the response to the request just sent; call it before each response.</summary>
    /// <param name="requestMethod">
    /// The request's method, compared case-sensitively (RFC 9110 §9.1): a response to <c>HEAD</c> has no body, and a
    /// 2xx response to <c>CONNECT</c> turns the connection into a tunnel.
    /// </param>
    /// <exception cref="ArgumentException">The method is null or empty.</exception>
    /// <exception cref="InvalidOperationException">
    /// A response is in progress, the connection was upgraded, or the decoder failed.
    /// </exception>
    public void BeginResponse(string requestMethod)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestMethod);
        if (_phase is not (Phase.Idle or Phase.Done))
        {
            throw new InvalidOperationException(_phase switch
            {
                Phase.Upgraded => "The connection was upgraded to another protocol; it carries no more HTTP/1.1 responses.",
                Phase.Failed => "The decoder failed on malformed input; the connection cannot carry another response.",
                _ => "A response is still being decoded; BeginResponse may be called only after its EndOfMessage.",
            });
        }

        _requestWasHead = requestMethod == "HEAD";
        _requestWasConnect = requestMethod == "CONNECT";
        _hasReceivedBytes = false;
        _interimResponses = 0;
        _remaining = 0;
        _chunkSize = 0;
        _bodyBytesReceived = 0;
        _trailerFields = null;
        Head = null;
        Trailers = null;
        StartStatusLine();
        _phase = Phase.StatusLine;
    }

    /// <summary>
    /// Decodes as much of <paramref name="input"/> as it takes to produce one event, or all of it when that is not
    /// enough.
    /// </summary>
    /// <param name="input">Every byte received and not yet consumed, in order.</param>
    /// <param name="consumed">
    /// How many bytes of <paramref name="input"/> were used, including framing bytes (chunk-size lines, CRLFs); the
    /// caller must pass the rest again, followed by new bytes. May be zero.
    /// </param>
    /// <param name="bodyData">For <see cref="Http1EventKind.BodyData"/>, the body bytes: a slice of <paramref name="input"/>; empty otherwise.</param>
    /// <returns>The event; <see cref="Http1EventKind.NeedMoreData"/> when the input holds none.</returns>
    /// <exception cref="ProtocolException">The peer broke HTTP/1.1; the decoder is then <see cref="Http1DecoderState.Failed"/>.</exception>
    /// <exception cref="ProtocolLimitExceededException">The peer exceeded one of <see cref="Limits"/>.</exception>
    /// <exception cref="InvalidOperationException">No response is in progress (call <see cref="BeginResponse"/>), the connection was upgraded, or the decoder failed.</exception>
    public Http1EventKind Decode(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> bodyData)
    {
        ThrowIfNotDecoding();
        _hasReceivedBytes |= !input.IsEmpty;
        try
        {
            return DecodeStep(input, out consumed, out bodyData);
        }
        catch (ProtocolException)
        {
            _phase = Phase.Failed;
            throw;
        }
    }

    /// <summary>
    /// Reports that the peer closed the connection. A close-delimited body ends here; any other response that is not
    /// complete is an error.
    /// </summary>
    /// <returns><see cref="Http1EventKind.EndOfMessage"/>.</returns>
    /// <exception cref="ProtocolException">
    /// With <see cref="ProtocolError.IncompleteMessage"/> when the response was not complete; the message says what was missing.
    /// </exception>
    /// <exception cref="InvalidOperationException">No response is in progress, the connection was upgraded, or the decoder failed.</exception>
    public Http1EventKind DecodeEndOfInput()
    {
        ThrowIfNotDecoding();
        switch (_phase)
        {
            // RFC 9112 §6.3 (8): the close is what ends a close-delimited body.
            case Phase.CloseDelimitedBody:
            case Phase.EndOfBody:
            case Phase.EndOfTrailers:
                _phase = Phase.Done;
                return Http1EventKind.EndOfMessage;
            default:
                // RFC 9112 §8: a message whose framing says it is longer than what arrived is incomplete.
                string missing = DescribeIncomplete();
                _phase = Phase.Failed;
                throw new ProtocolException(ProtocolError.IncompleteMessage, "The connection closed " + missing + ".");
        }
    }

    private Http1EventKind DecodeStep(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> bodyData)
    {
        int position = 0;
        bodyData = default;
        while (true)
        {
            switch (_phase)
            {
                case Phase.StatusLine:
                    switch (ReadStatusLine(input, ref position))
                    {
                        case LineResult.NeedMoreData:
                            consumed = position;
                            return Http1EventKind.NeedMoreData;
                        case LineResult.Parsed:
                            StartFieldSection();
                            _phase = Phase.HeaderFields;
                            break;
                    }

                    continue;

                case Phase.HeaderFields:
                    if (!ReadFieldSection(input, ref position, trailers: false))
                    {
                        consumed = position;
                        return Http1EventKind.NeedMoreData;
                    }

                    consumed = position;
                    return CompleteHead();

                case Phase.FixedLengthBody:
                case Phase.CloseDelimitedBody:
                case Phase.ChunkData:
                    if (position == input.Length)
                    {
                        consumed = position;
                        return Http1EventKind.NeedMoreData;
                    }

                    bodyData = TakeBody(input[position..]);
                    consumed = position + bodyData.Length;
                    if (_remaining == 0 && _phase != Phase.CloseDelimitedBody)
                    {
                        _phase = _phase == Phase.ChunkData ? Phase.ChunkDataEnd : Phase.EndOfBody;
                    }

                    return Http1EventKind.BodyData;

                case Phase.ChunkSizeLine:
                    if (!ReadChunkSizeLine(input, ref position))
                    {
                        consumed = position;
                        return Http1EventKind.NeedMoreData;
                    }

                    if (_chunkSize == 0)
                    {
                        StartTrailerSection();
                        _phase = Phase.TrailerFields;
                    }
                    else
                    {
                        _remaining = _chunkSize;
                        _phase = Phase.ChunkData;
                    }

                    continue;

                case Phase.ChunkDataEnd:
                    if (!ReadChunkDataEnd(input, ref position))
                    {
                        consumed = position;
                        return Http1EventKind.NeedMoreData;
                    }

                    _phase = Phase.ChunkSizeLine;
                    continue;

                case Phase.TrailerFields:
                    if (!ReadFieldSection(input, ref position, trailers: true))
                    {
                        consumed = position;
                        return Http1EventKind.NeedMoreData;
                    }

                    consumed = position;
                    if (_trailerFields is not null)
                    {
                        Trailers = _trailerFields;
                        _phase = Phase.EndOfTrailers;
                        return Http1EventKind.Trailers;
                    }

                    _phase = Phase.Done;
                    return Http1EventKind.EndOfMessage;

                case Phase.EndOfBody:
                case Phase.EndOfTrailers:
                    consumed = position;
                    _phase = Phase.Done;
                    return Http1EventKind.EndOfMessage;

                default:
                    throw new InvalidOperationException("Unreachable: every other phase is refused before decoding.");
            }
        }
    }

    /// <summary>Turns the completed head into an event and chooses the phase that follows it (RFC 9112 §6.3).</summary>
    private Http1EventKind CompleteHead()
    {
        HttpHeaders fields = _fields!;
        bool isHttp10 = ReferenceEquals(_version, System.Net.HttpVersion.Version10);
        MessageFraming.Decision decision = MessageFraming.Decide(_statusCode, isHttp10, fields, _requestWasHead, _requestWasConnect);
        Head = new Http1ResponseHead(_version!, _statusCode, _reasonPhrase, fields, decision);
        _fieldCapacity = Math.Clamp(fields.Count, 2, 64);
        _fields = null;

        switch (decision.Kind)
        {
            case MessageFraming.HeadKind.Interim:
                if (++_interimResponses > Limits.MaxInterimResponses)
                {
                    throw new ProtocolLimitExceededException(nameof(Http1Limits.MaxInterimResponses), Limits.MaxInterimResponses, "The number of interim (1xx) responses");
                }

                StartStatusLine();
                _phase = Phase.StatusLine;
                return Http1EventKind.InterimResponse;

            case MessageFraming.HeadKind.Upgrade:
                _phase = Phase.Upgraded;
                return Http1EventKind.ResponseHead;
        }

        switch (decision.Framing)
        {
            case Http1BodyFraming.ContentLength:
                _remaining = decision.ContentLength!.Value;
                _phase = _remaining == 0 ? Phase.EndOfBody : Phase.FixedLengthBody;
                break;
            case Http1BodyFraming.Chunked:
                _phase = Phase.ChunkSizeLine;
                break;
            case Http1BodyFraming.CloseDelimited:
                _phase = Phase.CloseDelimitedBody;
                break;
            default:
                _phase = Phase.EndOfBody;
                break;
        }

        return Http1EventKind.ResponseHead;
    }

    private void ThrowIfNotDecoding()
    {
        switch (_phase)
        {
            case Phase.Idle:
            case Phase.Done:
                throw new InvalidOperationException("No response is in progress: call BeginResponse after sending a request.");
            case Phase.Upgraded:
                throw new InvalidOperationException("The connection was upgraded; the bytes after the response head belong to the new protocol.");
            case Phase.Failed:
                throw new InvalidOperationException("The decoder failed on malformed input; the connection must be closed.");
        }
    }
}
