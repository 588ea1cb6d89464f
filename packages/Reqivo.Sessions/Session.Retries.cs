using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Protocol;
using Reqivo.Retries;

namespace Reqivo;

/// <summary>
/// The retry stage around one exchange (see <see cref="RetryPolicy"/>). The stale-connection resend inside the
/// exchange is separate and comes first: it costs no attempt of the policy.
/// </summary>
public sealed partial class Session
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> ExchangeWithRetriesAsync(Request request, Uri uri, bool async, CancellationToken cancellationToken)
    {
        RetryPolicy? policy = request.RetryPolicy ?? Configuration.RetryPolicy;
        if (policy is null || !RetryPolicy.CanRetry(request))
        {
            return await ExchangeAsync(request, uri, async, cancellationToken).ConfigureAwait(false);
        }

        for (int attempt = 1; ; attempt++)
        {
            bool willRetry = attempt < policy.MaxAttempts;
            Response response;
            try
            {
                response = await ExchangeAsync(request, uri, async, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (RetryPolicy.IsRetryableFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                TimeSpan backoff = willRetry ? policy.Backoff(attempt + 1, Random.Shared.NextDouble()) : TimeSpan.Zero;
                policy.OnAttempt?.Invoke(new RetryAttempt(request.Method, uri, attempt, error, null, willRetry, backoff));
                if (!willRetry)
                {
                    throw;
                }

                await RetryDelay.WaitAsync(backoff, Configuration.TimeProvider, async, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!policy.RetryStatusCodes.Contains(response.StatusCode))
            {
                return response;
            }

            TimeSpan delay = willRetry ? DelayAfter(response, policy, attempt) : TimeSpan.Zero;
            try
            {
                policy.OnAttempt?.Invoke(new RetryAttempt(request.Method, uri, attempt, null, response.StatusCode, willRetry, delay));
            }
            catch
            {
                response.Dispose();
                throw;
            }

            if (!willRetry)
            {
                return response;
            }

            await response.DrainAndDisposeAsync(async, cancellationToken).ConfigureAwait(false);
            await RetryDelay.WaitAsync(delay, Configuration.TimeProvider, async, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What <c>Retry-After</c> asks for (RFC 9110 §10.2.3), else the backoff; at most the policy's maximum.</summary>
    private TimeSpan DelayAfter(Response response, RetryPolicy policy, int attempt)
    {
        response.Headers.TryGetValue(HttpHeaderNames.RetryAfter, out string? value);
        TimeSpan? asked = RetryAfter.Parse(value, Configuration.TimeProvider.GetUtcNow());
        return asked is { } wait ? policy.Cap(wait) : policy.Backoff(attempt + 1, Random.Shared.NextDouble());
    }
}
