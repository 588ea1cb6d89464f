using System;

namespace Reqivo.Pooling;

/// <summary>
/// A connection that a <see cref="IConnectionPool{TConnection}"/> can keep, hand out again and close.
/// The pool knows nothing else about it: not the protocol spoken over it, not its transport.
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> The pool owns every connection its factory created, except while the connection
/// is leased: then the renter uses it exclusively until it calls
/// <see cref="IConnectionPool{TConnection}.Return(TConnection, bool)"/>. The pool disposes the connection
/// exactly once, when it is discarded, expires, is evicted, or the pool itself is disposed.</para>
/// <para><b>Threading.</b> The pool calls <see cref="IsAlive"/> and <see cref="IDisposable.Dispose"/> from
/// arbitrary threads, never while the connection is leased, never concurrently with each other, and never
/// while holding its own lock.</para>
/// <para><b>What an implementation must not do.</b> <see cref="IsAlive"/> must not block, must not throw,
/// and must not consume bytes that belong to the protocol (peeking is fine). <see cref="IDisposable.Dispose"/>
/// must not throw and should not block for long: it runs on the renter's or returner's thread. Neither may
/// call back into the pool.</para>
/// </remarks>
public interface IPoolableConnection : IDisposable
{
    /// <summary>
    /// A cheap, non-blocking check, made immediately before an idle connection is handed out again, that the
    /// connection can still carry a new exchange (for example: the peer has not closed it and has sent no
    /// unsolicited bytes).
    /// </summary>
    /// <returns><see langword="true"/> when the connection may be reused; <see langword="false"/> makes the
    /// pool dispose it and try another one.</returns>
    bool IsAlive();
}
