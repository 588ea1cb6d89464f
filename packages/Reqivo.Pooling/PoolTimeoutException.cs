using System;
using System.Globalization;

namespace Reqivo.Pooling;

/// <summary>
/// No connection slot for <see cref="Key"/> became free within the pool timeout. Nothing was sent: the
/// request may be retried.
/// </summary>
public sealed class PoolTimeoutException : ReqivoTimeoutException
{
    /// <summary>Creates the exception for a renter of <paramref name="key"/> that waited <paramref name="timeout"/>.</summary>
    /// <param name="key">The key the renter waited for.</param>
    /// <param name="timeout">The pool timeout that elapsed.</param>
    public PoolTimeoutException(PoolKey key, TimeSpan timeout)
        : base(string.Create(CultureInfo.InvariantCulture, $"No connection to {key} became available within the pool timeout of {timeout}."), timeout)
    {
        Key = key;
    }

    /// <summary>The key the renter waited for.</summary>
    public PoolKey Key { get; }
}
