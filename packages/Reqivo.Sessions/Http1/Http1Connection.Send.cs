using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Bodies;
using Reqivo.Internal;
using Reqivo.Protocol;
using Reqivo.Protocol.Http1;

namespace Reqivo.Http1;

/// <summary>Sending a request: the head, the body with its framing, and the wait for the final response head.</summary>
internal sealed partial class Http1Connection : IBodySink
{
    // A body this small travels in the same write as the head: one send system call for a typical request.
    private const int CoalesceLimit = 16 * 1024;

    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private bool _bodyChunked;
    private long _bodyRemaining;

    /// <summary>
    /// Sends the request and reads until the final (non-1xx) response head, which it returns. The body of the
    /// response is then read with <see cref="ReadBodyBlockAsync"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1ResponseHead> SendRequestAsync(
        Http1RequestHead head,
        RequestBody? body,
        Uri uri,
        ExchangeBudget budget,
        TimeSpan expectContinueTimeout,
        bool async,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _budget = budget;
        _method = head.Method;
        _uri = uri;
        _closeRequested = RequestsClose(head.Headers);
        _decoder.BeginResponse(head.Method);

        _send.Reset();
        Http1RequestWriter.Write(head, _send);
        RequestFraming framing = head.Framing;
        _bodyChunked = framing.Kind == RequestFramingKind.Chunked;
        _bodyRemaining = framing.Kind == RequestFramingKind.ContentLength ? framing.Length : 0;

        bool expectContinue = body is not null && head.Headers.Contains(HttpHeaderNames.Expect);
        if (body is not null && !expectContinue && body.TryGetMemory(out ReadOnlyMemory<byte> bytes) && bytes.Length <= CoalesceLimit)
        {
            _send.Write(bytes.Span);
            _bodyRemaining = 0;
            body = null;
        }

        await WriteRawAsync(_send.WrittenMemory, async, cancellationToken).ConfigureAwait(false);

        if (body is not null)
        {
            if (expectContinue && !await AwaitContinueAsync(expectContinueTimeout, async, cancellationToken).ConfigureAwait(false))
            {
                // RFC 9110 §10.1.1: the server answered with a final status before asking for the body, so the
                // body is not sent; the connection cannot carry another request since the framing promised one.
                _closeRequested = true;
                return _decoder.Head!;
            }

            await SendBodyAsync(body, async, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            switch (await NextEventAsync(async, cancellationToken).ConfigureAwait(false))
            {
                case Http1EventKind.ResponseHead:
                    return _decoder.Head!;
                case Http1EventKind.InterimResponse:
                    // 1xx interim responses (100 after the body, 103 Early Hints) are skipped (RFC 9110 §15.2).
                    continue;
                default:
                    throw new InvalidOperationException("The decoder produced a body event before the response head.");
            }
        }
    }

    ValueTask IBodySink.WriteAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken) =>
        WriteBodyAsync(data, async, cancellationToken);

    /// <summary>Writes body bytes with the framing the head announced.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteBodyAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken)
    {
        if (_bodyChunked)
        {
            _send.Reset();
            ChunkedEncoder.WriteChunkHeader(data.Length, _send);
            if (data.Length <= CoalesceLimit)
            {
                _send.Write(data.Span);
                ChunkedEncoder.WriteChunkEnd(_send);
                await WriteRawAsync(_send.WrittenMemory, async, cancellationToken).ConfigureAwait(false);
                return;
            }

            await WriteRawAsync(_send.WrittenMemory, async, cancellationToken).ConfigureAwait(false);
            await WriteRawAsync(data, async, cancellationToken).ConfigureAwait(false);
            await WriteRawAsync(CrLf, async, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (data.Length > _bodyRemaining)
        {
            _broken = true;
            throw new InvalidOperationException(
                $"The request body produced more bytes than the {(_bodyRemaining + data.Length)} still expected by its Content-Length; the request was aborted.");
        }

        _bodyRemaining -= data.Length;
        await WriteRawAsync(data, async, cancellationToken).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendBodyAsync(RequestBody body, bool async, CancellationToken cancellationToken)
    {
        try
        {
            await body.WriteToAsync(this, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Whatever the body's source threw, the peer saw a partial message: this connection is done.
            _broken = true;
            throw;
        }

        if (_bodyChunked)
        {
            _send.Reset();
            ChunkedEncoder.WriteLastChunk(null, _send);
            await WriteRawAsync(_send.WrittenMemory, async, cancellationToken).ConfigureAwait(false);
        }
        else if (_bodyRemaining != 0)
        {
            _broken = true;
            throw new InvalidOperationException($"The request body ended {_bodyRemaining} bytes short of its Content-Length; the request was aborted.");
        }
    }

    /// <summary>
    /// Waits for the server's answer to <c>Expect: 100-continue</c>: true to send the body (100 arrived, or nothing
    /// arrived within the timeout), false when a final response came first.
    /// </summary>
    private async ValueTask<bool> AwaitContinueAsync(TimeSpan timeout, bool async, CancellationToken cancellationToken)
    {
        Http1EventKind kind;
        try
        {
            kind = await NextEventAsync(async, cancellationToken, timeout).ConfigureAwait(false);
        }
        catch (ReadTimeoutException)
        {
            // RFC 9110 §10.1.1: a client that sent 100-continue need not wait for an indefinite period.
            return true;
        }

        if (kind == Http1EventKind.InterimResponse)
        {
            return true;
        }

        return kind != Http1EventKind.ResponseHead;
    }

    private static bool RequestsClose(HttpHeaders headers)
    {
        string? connection = headers.GetCombinedValue(HttpHeaderNames.Connection);
        if (connection is null)
        {
            return false;
        }

        foreach (Range part in connection.AsSpan().Split(','))
        {
            if (connection.AsSpan(part).Trim().Equals("close", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
