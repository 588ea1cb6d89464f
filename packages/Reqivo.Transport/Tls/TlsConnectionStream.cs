using System;
using System.IO;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// The stream of a TLS connection: <see cref="SslStream"/> with the stream contract of
/// <see cref="ITransportConnection"/> restored. SslStream wraps whatever its inner stream throws in an
/// <see cref="IOException"/>; a Reqivo exception found inside (a read or write timeout) is rethrown as itself.
/// </summary>
internal sealed class TlsConnectionStream : Stream
{
    private readonly SslStream _ssl;

    public TlsConnectionStream(SslStream ssl) => _ssl = ssl;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override bool CanTimeout => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int ReadTimeout
    {
        get => _ssl.ReadTimeout;
        set => _ssl.ReadTimeout = value;
    }

    public override int WriteTimeout
    {
        get => _ssl.WriteTimeout;
        set => _ssl.WriteTimeout = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _ssl.Read(buffer);
        }
        catch (IOException e) when (TransportErrors.FindInChain<ReqivoException>(e) is { } original)
        {
            ExceptionDispatchInfo.Throw(original);
            throw;
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _ssl.Write(buffer);
        }
        catch (IOException e) when (TransportErrors.FindInChain<ReqivoException>(e) is { } original)
        {
            ExceptionDispatchInfo.Throw(original);
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _ssl.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (TransportErrors.FindInChain<ReqivoException>(e) is { } original)
        {
            ExceptionDispatchInfo.Throw(original);
            throw;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _ssl.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (TransportErrors.FindInChain<ReqivoException>(e) is { } original)
        {
            ExceptionDispatchInfo.Throw(original);
            throw;
        }
    }

    public override void Flush() => _ssl.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _ssl.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ssl.Dispose();
        }

        base.Dispose(disposing);
    }
}
