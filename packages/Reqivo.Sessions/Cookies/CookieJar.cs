using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Reqivo.Protocol;

namespace Reqivo.Cookies;

/// <summary>
/// A cookie store following RFC 6265 §5.3-§5.4 and its revision rfc6265bis: it takes <c>Set-Cookie</c> fields from
/// responses and gives back the <c>Cookie</c> field for requests.
/// </summary>
/// <remarks>
/// <para>
/// Rules kept: host-only and domain cookies; domain and path matching; public suffixes refused as a
/// <c>Domain</c>; IP-address hosts matched only exactly; expiry (<c>Max-Age</c> over <c>Expires</c>, both capped at
/// 400 days) by the injected <see cref="TimeProvider"/>; <c>Secure</c> cookies only set from and sent to https/wss;
/// a non-secure response cannot shadow a secure cookie; <c>__Secure-</c> and <c>__Host-</c> prefixes; at most
/// 4096 octets of name and value; per-domain and total limits evicting expired cookies first, then the least recently used.
/// </para>
/// <para>
/// Thread-safe: every member may be called concurrently. Cookies returned are immutable snapshots.
/// </para>
/// </remarks>
public sealed partial class CookieJar
{
    private readonly Lock _lock = new();

    /// <summary>Cookies grouped by the registrable domain of their <see cref="Cookie.Domain"/> (the per-domain limit's unit).</summary>
    private readonly Dictionary<string, List<StoredCookie>> _groups = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly PublicSuffixList _suffixes;
    private readonly int _maxPerDomain;
    private readonly int _maxTotal;
    private int _count;
    private long _sequence;

    /// <summary>Creates an empty jar with the default options.</summary>
    public CookieJar()
        : this(new CookieJarOptions())
    {
    }

    /// <summary>Creates an empty jar.</summary>
    /// <param name="options">The clock, limits and public suffix list to use.</param>
    public CookieJar(CookieJarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.PublicSuffixList, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCookiesPerDomain, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCookies, 1, nameof(options));
        _time = options.TimeProvider;
        _suffixes = options.PublicSuffixList;
        _maxPerDomain = options.MaxCookiesPerDomain;
        _maxTotal = options.MaxCookies;
    }

    /// <summary>The number of cookies in the jar that have not expired.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                RemoveAllExpired(_time.GetUtcNow());
                return _count;
            }
        }
    }

    /// <summary>Every cookie that has not expired, grouped by domain, each group in Cookie-header order.</summary>
    /// <returns>A snapshot; later changes to the jar do not show in it.</returns>
    public IReadOnlyList<Cookie> GetAllCookies()
    {
        var all = new List<Cookie>();
        lock (_lock)
        {
            RemoveAllExpired(_time.GetUtcNow());
            foreach (List<StoredCookie> group in _groups.Values)
            {
                group.Sort(StoredCookie.SendOrder);
                foreach (StoredCookie stored in group)
                {
                    all.Add(stored.Cookie);
                }
            }
        }

        return all;
    }

    /// <summary>
    /// The cookies to send with a request to <paramref name="uri"/> (RFC 6265 §5.4), in Cookie-header order: longer
    /// paths first, then earlier creation. Marks them as accessed.
    /// </summary>
    /// <param name="uri">The absolute request URI.</param>
    /// <returns>The matching cookies; empty when none.</returns>
    public IReadOnlyList<Cookie> GetCookies(Uri uri)
    {
        ValidateRequestUri(uri);
        // Most jars are empty most of the time (API clients): skip the host, path and registrable-domain work, which
        // allocates, on every request. A cookie stored concurrently is either seen or not, as with the lock.
        if (Volatile.Read(ref _count) == 0)
        {
            return [];
        }

        string host = CookieMatching.CanonicalHost(uri, out bool isIpAddress);
        string path = CookieMatching.RequestPath(uri);
        bool secure = CookieMatching.IsSecure(uri);
        List<Cookie>? matches = null;
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (!_groups.TryGetValue(GroupOf(host, isIpAddress), out List<StoredCookie>? group))
            {
                return [];
            }

            RemoveExpired(group, now);
            group.Sort(StoredCookie.SendOrder);
            foreach (StoredCookie stored in group)
            {
                Cookie cookie = stored.Cookie;

                // §5.4 step 1: host-only cookies need the identical host, domain cookies a domain-match; the path
                // must path-match; Secure cookies need a secure channel.
                bool hostMatches = cookie.HostOnly
                    ? host.Equals(cookie.Domain, StringComparison.Ordinal)
                    : CookieMatching.DomainMatches(host, isIpAddress, cookie.Domain);
                if (!hostMatches || !CookieMatching.PathMatches(path, cookie.Path) || (cookie.Secure && !secure))
                {
                    continue;
                }

                // §5.4 step 3: update the last-access-time of each cookie sent.
                stored.Touch(now, ++_sequence);
                (matches ??= []).Add(stored.Cookie);
            }
        }

        return matches is null ? [] : matches;
    }

    /// <summary>The <c>Cookie</c> field value for a request to <paramref name="uri"/>: <c>name=value</c> pairs joined by "; ".</summary>
    /// <param name="uri">The absolute request URI.</param>
    /// <returns>The field value, or null when no cookie applies (send no Cookie field then).</returns>
    public string? GetCookieHeader(Uri uri)
    {
        IReadOnlyList<Cookie> cookies = GetCookies(uri);
        if (cookies.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (Cookie cookie in cookies)
        {
            if (builder.Length > 0)
            {
                builder.Append("; ");
            }

            builder.Append(cookie.Name).Append('=').Append(cookie.Value);
        }

        return builder.ToString();
    }

    /// <summary>Processes one <c>Set-Cookie</c> field value received in a response to <paramref name="uri"/>.</summary>
    /// <param name="uri">The absolute URI of the request the response answered.</param>
    /// <param name="setCookieHeader">The field value (one field line: it is never split at commas).</param>
    /// <returns>
    /// True when a cookie was stored; false when the value was ignored (malformed, refused domain, prefix or Secure
    /// rule) or when it only deleted a cookie (an expiry in the past).
    /// </returns>
    public bool SetCookie(Uri uri, string setCookieHeader)
    {
        ValidateRequestUri(uri);
        ArgumentNullException.ThrowIfNull(setCookieHeader);
        ParsedSetCookie? parsed = SetCookieParser.Parse(setCookieHeader);
        return parsed is not null && Store(uri, parsed);
    }

    /// <summary>Stores every <c>Set-Cookie</c> field of a response, in order (the session calls this after each exchange).</summary>
    /// <param name="requestUri">The absolute URI of the request the response answered.</param>
    /// <param name="responseHeaders">The response's header fields.</param>
    internal void StoreFromResponse(Uri requestUri, HttpHeaders responseHeaders)
    {
        foreach (string value in responseHeaders.GetValues("Set-Cookie"))
        {
            SetCookie(requestUri, value);
        }
    }

    /// <summary>
    /// Adds <paramref name="cookie"/>, replacing a cookie with the same name, domain, host-only flag and path.
    /// A cookie whose <see cref="Cookie.Expires"/> has passed only removes that cookie. Unset creation and access
    /// times are set to now.
    /// </summary>
    /// <param name="cookie">The cookie to add.</param>
    /// <exception cref="ArgumentException">
    /// The name or value holds a character a cookie cannot carry, name and value exceed 4096 octets, the path does
    /// not start with '/', the domain is a public suffix (and the cookie not host-only), or a <c>__Secure-</c> /
    /// <c>__Host-</c> prefix rule is broken.
    /// </exception>
    public void Add(Cookie cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        Cookie normalized = Normalize(cookie, out string? problem)
            ?? throw new ArgumentException(problem, nameof(cookie));
        DateTimeOffset now = _time.GetUtcNow();
        normalized = normalized with
        {
            CreationTime = normalized.CreationTime == default ? now : normalized.CreationTime,
            LastAccessTime = normalized.LastAccessTime == default ? now : normalized.LastAccessTime,
        };
        lock (_lock)
        {
            Insert(normalized, now);
        }
    }

    /// <summary>Removes the cookie with the same name, domain, host-only flag and path as <paramref name="cookie"/>.</summary>
    /// <param name="cookie">The cookie to remove (its value and other attributes are not compared).</param>
    /// <returns>Whether a cookie was removed.</returns>
    public bool Remove(Cookie cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        lock (_lock)
        {
            string key = GroupOf(cookie.Domain);
            if (!_groups.TryGetValue(key, out List<StoredCookie>? group))
            {
                return false;
            }

            int index = group.FindIndex(stored => stored.SameIdentity(cookie));
            if (index < 0)
            {
                return false;
            }

            RemoveAt(group, index);
            DropIfEmpty(key, group);
            return true;
        }
    }

    /// <summary>Removes every cookie.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _groups.Clear();
            _count = 0;
        }
    }

    private static void ValidateRequestUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The request URI must be absolute and have a host.", nameof(uri));
        }
    }
}
