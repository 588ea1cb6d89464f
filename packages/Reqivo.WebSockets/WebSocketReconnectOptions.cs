using System;

namespace Reqivo.WebSockets;

/// <summary>
/// How a <see cref="WebSocketClient"/> re-establishes a lost connection: exponential backoff with jitter and a
/// maximum number of attempts. The delay before attempt <c>n</c> (1-based) is
/// <c>min(MaxDelay, InitialDelay × Multiplier^(n-1))</c>, scaled by a random factor in <c>[1 - Jitter, 1 + Jitter]</c>.
/// </summary>
public sealed class WebSocketReconnectOptions
{
    private readonly int _maxAttempts = 10;
    private readonly TimeSpan _initialDelay = TimeSpan.FromMilliseconds(500);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
    private readonly double _multiplier = 2.0;
    private readonly double _jitter = 0.2;

    /// <summary>How many connects are tried after a loss before the client gives up and closes for good. Default 10.</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init => _maxAttempts = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one attempt.");
    }

    /// <summary>The delay before the first attempt. Default 500 ms. Zero reconnects at once.</summary>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        init => _initialDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not negative.");
    }

    /// <summary>The longest delay between attempts. Default 30 s.</summary>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        init => _maxDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not negative.");
    }

    /// <summary>The factor by which the delay grows after each failed attempt, at least 1. Default 2.</summary>
    public double Multiplier
    {
        get => _multiplier;
        init => _multiplier = value >= 1.0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least 1.");
    }

    /// <summary>
    /// The random spread of each delay, 0 to 1: 0.2 (the default) picks a delay between 80 % and 120 % of the
    /// nominal one, so clients that lost the same server do not come back in lockstep.
    /// </summary>
    public double Jitter
    {
        get => _jitter;
        init => _jitter = value is >= 0.0 and <= 1.0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "0 to 1.");
    }

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based), given a random sample in [0, 1).</summary>
    internal TimeSpan DelayBefore(int attempt, double randomSample)
    {
        double nominal = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        nominal = Math.Min(nominal, MaxDelay.TotalMilliseconds);
        double factor = 1.0 + (Jitter * ((2.0 * randomSample) - 1.0));
        double delay = Math.Min(nominal * factor, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(0, delay));
    }
}
