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
internal sealed class TlsConnectionStream : DuplexStream
{
    private readonly SslStream _ssl;

    public TlsConnectionStream(SslStream ssl) => _ssl = ssl;

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ssl.Dispose();
        }

        base.Dispose(disposing);
    }
}
