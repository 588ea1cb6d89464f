using System;

namespace Reqivo.Cookies;

/// <summary>A cookie in the jar plus the sequence numbers that break ties between equal clock readings.</summary>
internal sealed class StoredCookie(Cookie cookie, long creationSequence, long accessSequence)
{
    /// <summary>Cookie-header order (RFC 6265 §5.4 step 2): longer paths first, then earlier creation.</summary>
    public static readonly Comparison<StoredCookie> SendOrder = (x, y) =>
    {
        int byPath = y.Cookie.Path.Length.CompareTo(x.Cookie.Path.Length);
        if (byPath != 0)
        {
            return byPath;
        }

        int byCreation = x.Cookie.CreationTime.CompareTo(y.Cookie.CreationTime);
        return byCreation != 0 ? byCreation : x.CreationSequence.CompareTo(y.CreationSequence);
    };

    public Cookie Cookie { get; private set; } = cookie;

    /// <summary>Creation order within one clock reading; kept when a newer cookie replaces this one.</summary>
    public long CreationSequence { get; } = creationSequence;

    /// <summary>Access order within one clock reading: the least recently used is evicted first.</summary>
    public long AccessSequence { get; private set; } = accessSequence;

    public bool IsExpired(DateTimeOffset now) => Cookie.Expires is DateTimeOffset expires && expires <= now;

    /// <summary>Whether this cookie was used less recently than <paramref name="other"/>.</summary>
    public bool LessRecentlyUsedThan(StoredCookie other)
    {
        int byTime = Cookie.LastAccessTime.CompareTo(other.Cookie.LastAccessTime);
        return byTime != 0 ? byTime < 0 : AccessSequence < other.AccessSequence;
    }

    public void Touch(DateTimeOffset now, long sequence)
    {
        Cookie = Cookie with { LastAccessTime = now };
        AccessSequence = sequence;
    }

    /// <summary>Same name, domain, host-only flag and path: the identity a newer cookie replaces (rfc6265bis storage model).</summary>
    public bool SameIdentity(Cookie other) =>
        Cookie.Name.Equals(other.Name, StringComparison.Ordinal)
        && Cookie.Domain.Equals(other.Domain, StringComparison.Ordinal)
        && Cookie.HostOnly == other.HostOnly
        && Cookie.Path.Equals(other.Path, StringComparison.Ordinal);
}
