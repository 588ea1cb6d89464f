using System;
using System.Threading;

namespace Reqivo;

/// <summary>
/// The time limits of an exchange. Each limit raises its own exception type, all deriving from
/// <see cref="ReqivoTimeoutException"/>; <see cref="Timeout.InfiniteTimeSpan"/> disables a limit.
/// </summary>
public sealed class Timeouts
{
    private readonly TimeSpan _connect = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _read = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _write = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _pool = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _total = Timeout.InfiniteTimeSpan;

    /// <summary>The defaults: connect 10 s, read 30 s, write 30 s, pool 30 s, no total limit.</summary>
    public static Timeouts Default { get; } = new();

    /// <summary>Timeouts with every limit disabled.</summary>
    public static Timeouts None { get; } = new()
    {
        Connect = Timeout.InfiniteTimeSpan,
        Read = Timeout.InfiniteTimeSpan,
        Write = Timeout.InfiniteTimeSpan,
        Pool = Timeout.InfiniteTimeSpan,
        Total = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Time to open a connection: name resolution, TCP and TLS handshakes (<see cref="ConnectTimeoutException"/>).</summary>
    public TimeSpan Connect { get => _connect; init => _connect = Validate(value); }

    /// <summary>The longest gap allowed between two reads that return bytes (<see cref="ReadTimeoutException"/>).</summary>
    public TimeSpan Read { get => _read; init => _read = Validate(value); }

    /// <summary>The longest a single write of request bytes may take (<see cref="WriteTimeoutException"/>).</summary>
    public TimeSpan Write { get => _write; init => _write = Validate(value); }

    /// <summary>The longest wait for a free connection when the pool is at its limit (<see cref="Reqivo.Pooling.PoolTimeoutException"/>).</summary>
    public TimeSpan Pool { get => _pool; init => _pool = Validate(value); }

    /// <summary>The whole exchange, from the call until the last body byte (<see cref="TotalTimeoutException"/>).</summary>
    public TimeSpan Total { get => _total; init => _total = Validate(value); }

    private static TimeSpan Validate(TimeSpan value)
    {
        if (value != Timeout.InfiniteTimeSpan && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout is positive or Timeout.InfiniteTimeSpan.");
        }

        return value;
    }
}
