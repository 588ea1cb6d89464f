using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol.Http1;

namespace Reqivo.Http1;

/// <summary>
/// The only place this connection touches its stream: every read and write applies the exchange's timeout and
/// turns failures into Reqivo exceptions (a timeout capped by the total becomes <see cref="TotalTimeoutException"/>,
/// an I/O error becomes <see cref="ConnectionFailedException"/>). Any failure marks the connection broken.
/// </summary>
internal sealed partial class Http1Connection
{
    /// <summary>Reads more bytes into the receive buffer; returns false at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(bool async, CancellationToken cancellationToken, TimeSpan? timeoutOverride = null)
    {
        MakeReceiveSpace();
        (TimeSpan timeout, bool isTotal) = timeoutOverride is { } overridden ? (overridden, false) : _budget.ForRead();
        try
        {
            _transport.ReadTimeout = timeout;
            int read;
            if (async)
            {
                read = await _stream.ReadAsync(_receive.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using CancellationTokenRegistration abort = AbortOnCancel(cancellationToken);
                read = _stream.Read(_receive, _end, _receive.Length - _end);
            }

            _end += read;
            return read > 0;
        }
        catch (ReadTimeoutException) when (timeoutOverride is not null)
        {
            // The caller asked for a short wait (Expect: 100-continue) and handles its expiry; nothing was read.
            throw;
        }
        catch (Exception error)
        {
            _broken = true;
            throw MapFailure(error, isTotal, reading: true, cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteRawAsync(ReadOnlyMemory<byte> data, bool async, CancellationToken cancellationToken)
    {
        (TimeSpan timeout, bool isTotal) = _budget.ForWrite();
        try
        {
            _transport.WriteTimeout = timeout;
            if (async)
            {
                await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using CancellationTokenRegistration abort = AbortOnCancel(cancellationToken);
                _stream.Write(data.Span);
            }
        }
        catch (Exception error)
        {
            _broken = true;
            throw MapFailure(error, isTotal, reading: false, cancellationToken);
        }
    }

    /// <summary>
    /// A blocking read or write cannot watch a token, so on cancellation the connection is closed under it: the
    /// call fails at once and <see cref="MapFailure"/> reports the cancellation. Async calls pass the token instead.
    /// </summary>
    private CancellationTokenRegistration AbortOnCancel(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((Http1Connection)state!)._transport.Dispose(), this)
            : default;

    private Exception MapFailure(Exception error, bool isTotal, bool reading, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return error;
            case not OperationCanceledException when cancellationToken.IsCancellationRequested:
                // The connection was closed to interrupt a blocking call (AbortOnCancel).
                return new OperationCanceledException("The request was canceled.", error, cancellationToken);
            case ReqivoTimeoutException when isTotal || _budget.TotalExpired:
                return new TotalTimeoutException(_budget.Timeouts.Total, _method, RedactedUrl);
            case ReqivoException reqivo:
                reqivo.RequestMethod ??= _method;
                reqivo.RequestUrl ??= RedactedUrl;
                return reqivo;
            case IOException or ObjectDisposedException:
                string what = reading ? "reading the response" : "sending the request";
                return new ConnectionFailedException(
                    $"The connection to {Key} failed while {what} of {_method} {RedactedUrl}: {error.Message}",
                    _decoder.HasReceivedBytes,
                    error)
                {
                    RequestMethod = _method,
                    RequestUrl = RedactedUrl,
                };
            default:
                return error;
        }
    }

    /// <summary>Makes room at the end of the receive buffer: drops consumed bytes, then grows if still full.</summary>
    private void MakeReceiveSpace()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        if (_end < _receive.Length)
        {
            return;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
            _end -= _start;
            _start = 0;
            return;
        }

        // A single line (status or field) fills the buffer. The decoder's limits bound how far this can go:
        // it throws before a line grows past MaxStatusLineLength or MaxHeaderBytes.
        byte[] larger = ArrayPool<byte>.Shared.Rent(_receive.Length * 2);
        Buffer.BlockCopy(_receive, 0, larger, 0, _end);
        ArrayPool<byte>.Shared.Return(_receive);
        _receive = larger;
    }

    /// <summary>Decodes the next event from buffered bytes, reading more as needed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Http1EventKind> NextEventAsync(bool async, CancellationToken cancellationToken, TimeSpan? firstReadTimeout = null)
    {
        TimeSpan? readTimeout = firstReadTimeout;
        while (true)
        {
            Http1EventKind kind = DecodeBuffered();
            if (kind != Http1EventKind.NeedMoreData)
            {
                return kind;
            }

            if (!await FillAsync(async, cancellationToken, readTimeout).ConfigureAwait(false))
            {
                return DecodeEnd();
            }

            readTimeout = null;
        }
    }

    private Http1EventKind DecodeBuffered()
    {
        try
        {
            ReadOnlySpan<byte> input = _receive.AsSpan(_start, _end - _start);
            Http1EventKind kind = _decoder.Decode(input, out int consumed, out ReadOnlySpan<byte> body);
            if (kind == Http1EventKind.BodyData)
            {
                input.Overlaps(body, out int offset);
                _bodyOffset = _start + offset;
                _bodyLength = body.Length;
            }

            _start += consumed;
            return kind;
        }
        catch (ProtocolException error)
        {
            _broken = true;
            Annotate(error);
            throw;
        }
    }

    private Http1EventKind DecodeEnd()
    {
        try
        {
            // The peer closed: only a close-delimited body ends this way; anything else is incomplete.
            _broken = true;
            return _decoder.DecodeEndOfInput();
        }
        catch (ProtocolException error)
        {
            Annotate(error);
            throw;
        }
    }

    private ProtocolException Annotate(ProtocolException error)
    {
        // The codec cannot know which exchange it decoded; the connection can.
        error.RequestMethod ??= _method;
        error.RequestUrl ??= RedactedUrl;
        return error;
    }
}
