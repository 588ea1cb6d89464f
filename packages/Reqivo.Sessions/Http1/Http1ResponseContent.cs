using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Internal;
using Reqivo.Pooling;

namespace Reqivo.Http1;

/// <summary>
/// A response body read from its connection on demand. The connection goes back to the pool exactly once: when
/// the body was read to its end (reusable if the connection allows), on a failure (closed), or on dispose (reusable
/// only if the rest of the body was already buffered; otherwise closed, never returned dirty).
/// </summary>
internal sealed class Http1ResponseContent : ResponseContent
{
    private readonly IConnectionPool<Http1Connection> _pool;
    private readonly long? _length;
    private Http1Connection? _connection;

    public Http1ResponseContent(IConnectionPool<Http1Connection> pool, Http1Connection connection, long? length)
    {
        _pool = pool;
        _connection = connection;
        _length = length;
    }

    public override long? Length => _length;

    public override bool IsComplete => _connection is null;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(bool async, CancellationToken cancellationToken)
    {
        Http1Connection? connection = _connection;
        if (connection is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        ReadOnlyMemory<byte> block;
        try
        {
            block = await connection.ReadBodyBlockAsync(async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(reusable: false);
            throw;
        }

        if (block.IsEmpty)
        {
            Trailers = connection.Trailers;
            Release(connection.IsReusable);
        }

        return block;
    }

    public override void Dispose()
    {
        if (_connection is { } connection)
        {
            Release(connection.TryFinishFromBuffer() && connection.IsReusable);
        }
    }

    private void Release(bool reusable)
    {
        Http1Connection? connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            _pool.Return(connection, reusable);
        }
    }
}
