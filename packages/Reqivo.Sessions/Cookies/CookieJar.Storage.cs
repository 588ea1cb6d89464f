using System;
using System.Collections.Generic;

namespace Reqivo.Cookies;

/// <summary>The storage model: turning a parsed Set-Cookie into a cookie, replacing, expiring and evicting.</summary>
public sealed partial class CookieJar
{
    /// <summary>rfc6265bis (Expires and Max-Age processing): an expiry more than 400 days ahead is brought back to 400 days.</summary>
    internal static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(400);

    /// <summary>How many registrable-domain groups the jar holds: a group left empty is dropped, so deleted cookies leave nothing behind.</summary>
    internal int GroupCount
    {
        get
        {
            lock (_lock)
            {
                return _groups.Count;
            }
        }
    }

    /// <summary>RFC 6265 §5.3 with the additions of the rfc6265bis storage model; false when the cookie is ignored or only deletes.</summary>
    private bool Store(Uri uri, ParsedSetCookie parsed)
    {
        string host = CookieMatching.CanonicalHost(uri, out bool isIpAddress);
        bool secureChannel = CookieMatching.IsSecure(uri);
        DateTimeOffset now = _time.GetUtcNow();

        // §5.3 step 3: Max-Age wins over Expires; a Max-Age of zero or less means "already expired".
        DateTimeOffset? expires = null;
        if (parsed.MaxAge is long seconds)
        {
            expires = seconds <= 0 ? DateTimeOffset.MinValue : now + TimeSpan.FromSeconds(Math.Min(seconds, (long)MaxLifetime.TotalSeconds));
        }
        else if (parsed.Expires is DateTimeOffset date)
        {
            expires = date - now > MaxLifetime ? now + MaxLifetime : date;
        }

        // §5.3 steps 4-6: the Domain attribute; a public suffix is refused unless it is the host itself, which
        // then gets a host-only cookie; otherwise the host must domain-match it.
        bool hostOnly = true;
        string domain = host;
        if (parsed.Domain is string attribute)
        {
            string? canonical = PublicSuffixList.ToAsciiLower(attribute);
            if (canonical is null)
            {
                return false;
            }

            bool publicSuffix = !isIpAddress && _suffixes.IsPublicSuffix(canonical);
            if (publicSuffix && !canonical.Equals(host, StringComparison.Ordinal))
            {
                return false;
            }

            if (!publicSuffix)
            {
                if (!CookieMatching.DomainMatches(host, isIpAddress, canonical))
                {
                    return false;
                }

                // An IP address only ever matches itself, so its cookie stays host-only.
                hostOnly = isIpAddress;
                domain = canonical;
            }
        }

        // rfc6265bis storage model: a Secure cookie is only set from a secure channel.
        if (parsed.Secure && !secureChannel)
        {
            return false;
        }

        // rfc6265bis storage model: SameSite=None is only accepted on a Secure cookie.
        if (parsed.SameSite == CookieSameSite.None && !parsed.Secure)
        {
            return false;
        }

        string path = parsed.Path ?? CookieMatching.DefaultPath(uri);
        var cookie = new Cookie(parsed.Name, parsed.Value, domain)
        {
            Path = path,
            Expires = expires,
            Secure = parsed.Secure,
            HttpOnly = parsed.HttpOnly,
            SameSite = parsed.SameSite,
            HostOnly = hostOnly,
            CreationTime = now,
            LastAccessTime = now,
        };

        // rfc6265bis storage model and §4.1.3: name prefixes (compared ignoring case).
        if (PrefixProblem(cookie, parsed.HasPathAttribute) is not null)
        {
            return false;
        }

        lock (_lock)
        {
            // rfc6265bis storage model ("leave secure cookies alone"): a non-secure origin may not set a cookie that would shadow a Secure one.
            if (!parsed.Secure && !secureChannel && ShadowsSecureCookie(cookie))
            {
                return false;
            }

            return Insert(cookie, now);
        }
    }

    /// <summary>Why a cookie breaks the <c>__Secure-</c> / <c>__Host-</c> prefix rules, or null when it does not.</summary>
    private static string? PrefixProblem(Cookie cookie, bool hasPathAttribute)
    {
        if (cookie.Name.StartsWith("__Secure-", StringComparison.OrdinalIgnoreCase) && !cookie.Secure)
        {
            return "A __Secure- cookie must be Secure.";
        }

        if (cookie.Name.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase)
            && (!cookie.Secure || !cookie.HostOnly || !hasPathAttribute || cookie.Path != "/"))
        {
            return "A __Host- cookie must be Secure, host-only and have Path=/.";
        }

        return null;
    }

    private bool ShadowsSecureCookie(Cookie candidate)
    {
        if (!_groups.TryGetValue(GroupOf(candidate.Domain), out List<StoredCookie>? group))
        {
            return false;
        }

        foreach (StoredCookie stored in group)
        {
            Cookie existing = stored.Cookie;
            if (existing.Secure
                && existing.Name.Equals(candidate.Name, StringComparison.Ordinal)
                && (CookieMatching.DomainMatches(existing.Domain, false, candidate.Domain)
                    || CookieMatching.DomainMatches(candidate.Domain, false, existing.Domain))
                && CookieMatching.PathMatches(candidate.Path, existing.Path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>§5.3 steps 11-12: replace the same cookie (keeping its creation time), drop it if expired, then enforce limits. Caller holds the lock.</summary>
    private bool Insert(Cookie cookie, DateTimeOffset now)
    {
        string key = GroupOf(cookie.Domain);
        if (!_groups.TryGetValue(key, out List<StoredCookie>? group))
        {
            group = [];
            _groups.Add(key, group);
        }

        long creationSequence = ++_sequence;
        int index = group.FindIndex(stored => stored.SameIdentity(cookie));
        if (index >= 0)
        {
            StoredCookie old = group[index];
            cookie = cookie with { CreationTime = old.Cookie.CreationTime };
            creationSequence = old.CreationSequence;
            RemoveAt(group, index);
        }

        if (cookie.Expires is DateTimeOffset expires && expires <= now)
        {
            DropIfEmpty(key, group);
            return false;
        }

        var entry = new StoredCookie(cookie, creationSequence, ++_sequence);
        group.Add(entry);
        _count++;
        EnforceLimits(group, now);
        return group.Contains(entry);
    }

    /// <summary>§5.3 step 12: over a limit, evict expired cookies first, then the least recently accessed.</summary>
    private void EnforceLimits(List<StoredCookie> group, DateTimeOffset now)
    {
        if (group.Count > _maxPerDomain)
        {
            RemoveExpired(group, now);
            while (group.Count > _maxPerDomain)
            {
                RemoveAt(group, LeastRecentlyUsed(group));
            }
        }

        if (_count > _maxTotal)
        {
            RemoveAllExpired(now);
            while (_count > _maxTotal)
            {
                List<StoredCookie>? oldestGroup = null;
                int oldestIndex = -1;
                foreach (List<StoredCookie> candidates in _groups.Values)
                {
                    int index = LeastRecentlyUsed(candidates);
                    if (index >= 0 && (oldestGroup is null || candidates[index].LessRecentlyUsedThan(oldestGroup[oldestIndex])))
                    {
                        (oldestGroup, oldestIndex) = (candidates, index);
                    }
                }

                RemoveAt(oldestGroup!, oldestIndex);
            }

            RemoveEmptyGroups();
        }
    }

    private static int LeastRecentlyUsed(List<StoredCookie> group)
    {
        int oldest = -1;
        for (int i = 0; i < group.Count; i++)
        {
            if (oldest < 0 || group[i].LessRecentlyUsedThan(group[oldest]))
            {
                oldest = i;
            }
        }

        return oldest;
    }

    private void RemoveExpired(List<StoredCookie> group, DateTimeOffset now) =>
        _count -= group.RemoveAll(stored => stored.IsExpired(now));

    private void RemoveAllExpired(DateTimeOffset now)
    {
        foreach (List<StoredCookie> group in _groups.Values)
        {
            RemoveExpired(group, now);
        }

        RemoveEmptyGroups();
    }

    private void RemoveAt(List<StoredCookie> group, int index)
    {
        group.RemoveAt(index);
        _count--;
    }

    private void DropIfEmpty(string key, List<StoredCookie> group)
    {
        if (group.Count == 0)
        {
            _groups.Remove(key);
        }
    }

    private void RemoveEmptyGroups()
    {
        List<string>? empty = null;
        foreach (KeyValuePair<string, List<StoredCookie>> pair in _groups)
        {
            if (pair.Value.Count == 0)
            {
                (empty ??= []).Add(pair.Key);
            }
        }

        if (empty is not null)
        {
            foreach (string key in empty)
            {
                _groups.Remove(key);
            }
        }
    }

    /// <summary>The group of a cookie domain: its registrable domain, or the name itself for IP addresses and public suffixes.</summary>
    private string GroupOf(string domain) =>
        GroupOf(domain, Uri.CheckHostName(domain) is UriHostNameType.IPv4 or UriHostNameType.IPv6);

    private string GroupOf(string host, bool isIpAddress) =>
        isIpAddress ? host : _suffixes.GetRegistrableDomain(host) ?? host;
}
