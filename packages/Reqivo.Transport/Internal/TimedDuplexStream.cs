using System;
using System.Threading;

namespace Reqivo.Transport;

/// <summary>
/// A transport stream that enforces its own read and write timeouts (the ones behind
/// <see cref="ITransportConnection.ReadTimeout"/> and <see cref="ITransportConnection.WriteTimeout"/>), also
/// exposed in milliseconds through <see cref="System.IO.Stream.ReadTimeout"/> for wrappers such as SslStream.
/// </summary>
internal abstract class TimedDuplexStream : DuplexStream
{
    private TimeSpan _readTimeout = Timeout.InfiniteTimeSpan;
    private TimeSpan _writeTimeout = Timeout.InfiniteTimeSpan;

    public TimeSpan ReadTimeoutSpan
    {
        get => _readTimeout;
        set => _readTimeout = TimeoutValues.Validate(value, nameof(value));
    }

    public TimeSpan WriteTimeoutSpan
    {
        get => _writeTimeout;
        set => _writeTimeout = TimeoutValues.Validate(value, nameof(value));
    }

    public override int ReadTimeout
    {
        get => TimeoutValues.ToStreamMilliseconds(_readTimeout);
        set => ReadTimeoutSpan = TimeoutValues.FromStreamMilliseconds(value, nameof(value));
    }

    public override int WriteTimeout
    {
        get => TimeoutValues.ToStreamMilliseconds(_writeTimeout);
        set => WriteTimeoutSpan = TimeoutValues.FromStreamMilliseconds(value, nameof(value));
    }
}
