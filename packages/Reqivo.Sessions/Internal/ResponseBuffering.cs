using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Internal;

/// <summary>Reads a whole response body into one array, copying each byte once, within a size limit.</summary>
internal static class ResponseBuffering
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<byte[]> ReadAllAsync(IBodySource content, long limit, bool async, CancellationToken cancellationToken)
    {
        if (content.Length > limit)
        {
            throw Exceeded(limit);
        }

        // Known length: one exact array. Unknown (chunked, close-delimited): grow a pooled buffer, copy out once.
        byte[]? exact = content.Length is { } length ? (length == 0 ? [] : new byte[length]) : null;
        byte[]? pooled = exact is null ? ArrayPool<byte>.Shared.Rent(16 * 1024) : null;
        int filled = 0;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> block = await content.ReadBlockAsync(async, cancellationToken).ConfigureAwait(false);
                if (block.IsEmpty)
                {
                    break;
                }

                if (filled + (long)block.Length > limit)
                {
                    throw Exceeded(limit);
                }

                if (exact is not null)
                {
                    block.Span.CopyTo(exact.AsSpan(filled));
                }
                else
                {
                    if (pooled!.Length - filled < block.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(pooled.Length * 2L, filled + (long)block.Length)));
                        pooled.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(pooled);
                        pooled = larger;
                    }

                    block.Span.CopyTo(pooled.AsSpan(filled));
                }

                filled += block.Length;
            }

            return exact ?? pooled.AsSpan(0, filled).ToArray();
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<byte>.Shared.Return(pooled);
            }
        }
    }

    private static ProtocolLimitExceededException Exceeded(long limit) =>
        new(nameof(SessionOptions.MaxResponseBodySize), limit, "The response body");
}
