using System;
using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Transport;

namespace Reqivo;

/// <summary>
/// When and how often a failed exchange is tried again (opt-in: <see cref="SessionOptions.RetryPolicy"/> or
/// <see cref="Request.RetryPolicy"/>). Only requests with an idempotent method (RFC 9110 §9.2.2) and a replayable
/// body are retried, each redirect hop on its own:
/// <list type="bullet">
/// <item>after a connection failure: <see cref="ConnectException"/>, <see cref="ConnectTimeoutException"/>,
/// <see cref="ConnectionFailedException"/>, a connection closed before the response was complete, and
/// <see cref="ReadTimeoutException"/>;</item>
/// <item>after a response whose status is in <see cref="RetryStatusCodes"/> (429 and 503 by default), waiting what
/// its <c>Retry-After</c> field asks (RFC 9110 §10.2.3, delta-seconds or HTTP-date), at most <see cref="MaxDelay"/>.
/// When the attempts run out, that last response is returned.</item>
/// </list>
/// Without <c>Retry-After</c> the wait is exponential backoff with full jitter: a uniformly random time between zero
/// and <c>min(MaxDelay, BaseDelay × 2^(attempt − 1))</c>. The wait runs on the session's
/// <see cref="SessionOptions.TimeProvider"/>: the async send methods await it, the sync ones block their thread.
/// </summary>
/// <remarks>Immutable and thread-safe once created; one policy may be shared by sessions and requests.</remarks>
public sealed class RetryPolicy
{
    private readonly int _maxAttempts = 3;
    private readonly TimeSpan _baseDelay = TimeSpan.FromMilliseconds(200);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The most attempts in total, the first included (default 3; at least 1).</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init => _maxAttempts = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one attempt.");
    }

    /// <summary>The backoff unit: the cap of the first wait, doubled for each further one (default 200 ms; zero for no waiting).</summary>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        init => _baseDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The delay is zero or more.");
    }

    /// <summary>The longest wait before an attempt, whether from backoff or <c>Retry-After</c> (default 30 s).</summary>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        init => _maxDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The delay is zero or more.");
    }

    /// <summary>The statuses that are retried (default 429 Too Many Requests and 503 Service Unavailable).</summary>
    public IReadOnlySet<int> RetryStatusCodes { get; init; } = new HashSet<int> { 429, 503 };

    /// <summary>
    /// Called after every attempt that failed in a retryable way (before the wait, on the sending thread), including
    /// the last one when no attempt is left. An exception it throws ends the send and propagates.
    /// </summary>
    public Action<RetryAttempt>? OnAttempt { get; init; }

    /// <summary>Whether a request may be retried at all: idempotent method and replayable (or no) body.</summary>
    internal static bool CanRetry(Request request) =>
        HttpMethods.IsIdempotent(request.Method) && (request.Body is null || request.Body.IsReplayable);

    /// <summary>Whether the failure is one a new attempt may cure.</summary>
    internal static bool IsRetryableFailure(Exception error) => error switch
    {
        ConnectException or ConnectTimeoutException or ConnectionFailedException or ReadTimeoutException => true,
        ProtocolException { Error: ProtocolError.IncompleteMessage } => true,
        _ => false,
    };

    /// <summary>The backoff before attempt <paramref name="nextAttempt"/> (2 or more), given a uniform sample in [0, 1).</summary>
    internal TimeSpan Backoff(int nextAttempt, double sample)
    {
        // Full jitter (a uniform time up to the exponential cap) spreads clients that failed together.
        double cap = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, nextAttempt - 2));
        return TimeSpan.FromTicks((long)(cap * sample));
    }

    /// <summary>The wait a response asks for, capped by <see cref="MaxDelay"/>.</summary>
    internal TimeSpan Cap(TimeSpan delay) => delay < MaxDelay ? delay : MaxDelay;
}
