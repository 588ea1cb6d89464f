using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Reqivo.Pooling.Internal;

namespace Reqivo.Pooling;

// Reading the pool's state: statistics and the readable one-line-per-origin form.
public sealed partial class ConnectionPool<TConnection>
{
    /// <inheritdoc />
    public PoolStatistics GetStatistics()
    {
        lock (_lock)
        {
            var origins = new Dictionary<PoolKey, OriginStatistics>(_origins.Count);
            int idle = 0, active = 0, waiting = 0, connecting = 0;
            foreach (OriginPool<TConnection> origin in _origins.Values)
            {
                OriginStatistics counts = origin.GetStatistics();
                origins.Add(origin.Key, counts);
                idle += counts.Idle;
                active += counts.Active;
                waiting += counts.Waiting;
                connecting += counts.Connecting;
            }

            return new PoolStatistics(
                idle,
                active,
                waiting,
                connecting,
                origins,
                Interlocked.Read(ref _connectionsCreated),
                Interlocked.Read(ref _connectionsReused),
                Interlocked.Read(ref _connectionsDisposed));
        }
    }

    /// <summary>
    /// The pool's state, one line per key in ordinal order of the key's text, for example
    /// <c>https://a:443 (tcp) active=1 idle=0 waiting=0</c>; <c> connecting=N</c> is appended while
    /// connections are being opened. Empty when the pool holds nothing. Lines are separated by <c>\n</c>.
    /// </summary>
    /// <returns>The readable state.</returns>
    public override string ToString()
    {
        lock (_lock)
        {
            var lines = new List<string>(_origins.Count);
            foreach (OriginPool<TConnection> origin in _origins.Values)
            {
                OriginStatistics counts = origin.GetStatistics();
                string line = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{origin.Key} active={counts.Active} idle={counts.Idle} waiting={counts.Waiting}");
                lines.Add(counts.Connecting == 0
                    ? line
                    : string.Create(CultureInfo.InvariantCulture, $"{line} connecting={counts.Connecting}"));
            }

            lines.Sort(StringComparer.Ordinal);
            return string.Join('\n', lines);
        }
    }
}
