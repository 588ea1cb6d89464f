using System;
using System.Collections.Generic;
using System.Linq;
using Reqivo.Cookies;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 6265 §5 (the user agent's cookie processing) against <see cref="CookieJar"/>, in memory: Set-Cookie parsing,
/// the storage model and the Cookie header. Cases of its revision (draft-ietf-httpbis-rfc6265bis) are filed under "6265bis".
/// </summary>
internal static class Rfc6265CookieCases
{
    private static readonly Uri Http = new("http://www.example.com/dir/page");
    private static readonly Uri Https = new("https://www.example.com/dir/page");

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new("6265-5.2-no-equals-ignored", "6265", "5.2", RequirementLevel.Must,
            "A Set-Cookie whose name-value-pair lacks '=' (or has an empty name) is ignored",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(!jar.SetCookie(Http, "justtext; Path=/"), "no '=' ignored");
                Expect.True(!jar.SetCookie(Http, "=value"), "empty name ignored");
                Expect.Equal(0, jar.Count, "cookies stored");
            });

        yield return new("6265-5.2-no-comma-split", "6265", "5.2", RequirementLevel.Must,
            "The cookie value runs to the first ';': a comma does not start a new cookie",
            () =>
            {
                var jar = new CookieJar();
                jar.SetCookie(Http, "a=1, b=2");
                Expect.Equal("a=1, b=2", jar.GetCookieHeader(Http), "Cookie header");
            });

        yield return new("6265-5.1.1-date-formats", "6265", "5.1.1", RequirementLevel.Must,
            "Expires accepts the IMF-fixdate, RFC 850 and asctime forms and refuses impossible dates",
            () =>
            {
                var clock = new FixedClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
                var jar = new CookieJar(new CookieJarOptions { TimeProvider = clock });
                var expected = new DateTimeOffset(2025, 6, 1, 8, 49, 37, TimeSpan.Zero);
                foreach (string date in new[] { "Sun, 01 Jun 2025 08:49:37 GMT", "Sunday, 01-Jun-25 08:49:37 GMT", "Sun Jun  1 08:49:37 2025" })
                {
                    jar.Clear();
                    jar.SetCookie(Http, "a=1; Expires=" + date);
                    Expect.Equal<DateTimeOffset?>(expected, jar.GetAllCookies().Single().Expires, date);
                }

                jar.Clear();
                jar.SetCookie(Http, "a=1; Expires=Sun, 31 Feb 2025 08:49:37 GMT");
                Expect.Equal<DateTimeOffset?>(null, jar.GetAllCookies().Single().Expires, "31 February ignored");
            });

        yield return new("6265-5.2.2-max-age-wins", "6265", "5.3", RequirementLevel.Must,
            "Max-Age takes precedence over Expires; Max-Age=0 removes the cookie",
            () =>
            {
                var clock = new FixedClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
                var jar = new CookieJar(new CookieJarOptions { TimeProvider = clock });
                jar.SetCookie(Http, "a=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
                Expect.Equal<DateTimeOffset?>(clock.GetUtcNow().AddSeconds(60), jar.GetAllCookies().Single().Expires, "expiry");
                jar.SetCookie(Http, "a=1; Max-Age=0");
                Expect.Equal(0, jar.Count, "cookies after Max-Age=0");
            });

        yield return new("6265-5.3-expired-not-sent", "6265", "5.3", RequirementLevel.Must,
            "A cookie is not sent once its expiry-time has passed",
            () =>
            {
                var clock = new FixedClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
                var jar = new CookieJar(new CookieJarOptions { TimeProvider = clock });
                jar.SetCookie(Http, "a=1; Max-Age=10");
                clock.Now = clock.Now.AddSeconds(10);
                Expect.Equal(null, jar.GetCookieHeader(Http), "Cookie header after expiry");
            });

        yield return new("6265-5.3-host-only", "6265", "5.3", RequirementLevel.Must,
            "Without a Domain attribute the cookie is host-only: not sent to subdomains",
            () =>
            {
                var jar = new CookieJar();
                jar.SetCookie(new Uri("http://example.com/"), "a=1");
                Expect.Equal(null, jar.GetCookieHeader(Http), "Cookie header at www.example.com");
                Expect.Equal("a=1", jar.GetCookieHeader(new Uri("http://example.com/x")), "Cookie header at example.com");
            });

        yield return new("6265-5.3-domain-must-match", "6265", "5.3", RequirementLevel.Must,
            "A Domain attribute the request host does not domain-match is refused",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(!jar.SetCookie(Http, "a=1; Domain=other.example"), "foreign domain refused");
                Expect.True(!jar.SetCookie(Http, "a=1; Domain=sub.www.example.com"), "subdomain of the host refused");
                Expect.True(jar.SetCookie(Http, "a=1; Domain=.EXAMPLE.com"), "parent domain accepted");
                Expect.Equal("a=1", jar.GetCookieHeader(new Uri("http://api.example.com/dir/x")), "sent to a sibling under the domain");
            });

        yield return new("6265-5.3-public-suffix", "6265", "5.3", RequirementLevel.Should,
            "A Domain attribute that is a public suffix (com, co.uk) is refused (step 5)",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(!jar.SetCookie(Http, "a=1; Domain=com"), "Domain=com refused");
                Expect.True(!jar.SetCookie(new Uri("http://www.example.co.uk/"), "a=1; Domain=co.uk"), "Domain=co.uk refused");
                Expect.Equal(0, jar.Count, "cookies stored");
            });

        yield return new("6265-5.1.3-ip-exact", "6265", "5.1.3", RequirementLevel.Must,
            "An IP-address host domain-matches only itself",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(!jar.SetCookie(new Uri("http://192.168.0.1/"), "a=1; Domain=0.1"), "suffix of an IP refused");
                Expect.True(jar.SetCookie(new Uri("http://192.168.0.1/"), "a=1"), "host-only on the IP accepted");
                Expect.Equal(null, jar.GetCookieHeader(new Uri("http://10.168.0.1/")), "other IP");
            });

        yield return new("6265-5.1.4-default-path", "6265", "5.1.4", RequirementLevel.Must,
            "Without a Path attribute the path is the request path up to its last '/'",
            () =>
            {
                var jar = new CookieJar();
                jar.SetCookie(new Uri("http://example.com/a/b/c"), "a=1");
                Expect.Equal("/a/b", jar.GetAllCookies().Single().Path, "default-path");
                Expect.Equal(null, jar.GetCookieHeader(new Uri("http://example.com/a/bc")), "not a path-match");
                Expect.Equal("a=1", jar.GetCookieHeader(new Uri("http://example.com/a/b/d")), "path-match");
            });

        yield return new("6265-5.4-secure-only-https", "6265", "5.4", RequirementLevel.Must,
            "A Secure cookie is sent only over a secure channel",
            () =>
            {
                var jar = new CookieJar();
                jar.SetCookie(Https, "a=1; Secure");
                Expect.Equal("a=1", jar.GetCookieHeader(Https), "over https");
                Expect.Equal(null, jar.GetCookieHeader(Http), "over http");
            });

        yield return new("6265-5.4-order", "6265", "5.4", RequirementLevel.Should,
            "The Cookie header lists longer paths first, then earlier creation times",
            () =>
            {
                var clock = new FixedClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
                var jar = new CookieJar(new CookieJarOptions { TimeProvider = clock });
                jar.SetCookie(Http, "first=1; Path=/");
                clock.Now = clock.Now.AddSeconds(1);
                jar.SetCookie(Http, "deep=1; Path=/dir");
                clock.Now = clock.Now.AddSeconds(1);
                jar.SetCookie(Http, "second=1; Path=/");
                Expect.Equal("deep=1; first=1; second=1", jar.GetCookieHeader(Http), "Cookie header");
            });

        yield return new("6265-5.3-replace-keeps-creation", "6265", "5.3", RequirementLevel.Must,
            "A cookie with the same name, domain and path replaces the old one and keeps its creation-time (step 11)",
            () =>
            {
                var clock = new FixedClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
                var jar = new CookieJar(new CookieJarOptions { TimeProvider = clock });
                jar.SetCookie(Http, "a=old; Path=/");
                clock.Now = clock.Now.AddSeconds(1);
                jar.SetCookie(Http, "b=1; Path=/");
                clock.Now = clock.Now.AddSeconds(1);
                jar.SetCookie(Http, "a=new; Path=/");
                Expect.Equal("a=new; b=1", jar.GetCookieHeader(Http), "Cookie header");
            });

        yield return new("6265-6.1-size-limit", "6265", "6.1", RequirementLevel.Should,
            "Cookies of 4096 octets (name and value) are kept; rfc6265bis refuses longer ones",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(jar.SetCookie(Http, "n=" + new string('v', 4095)), "4096 octets kept");
                Expect.True(!jar.SetCookie(Http, "m=" + new string('v', 4096)), "4097 octets refused");
            });

        yield return new("6265-6.1-per-domain-limit", "6265", "6.1", RequirementLevel.Should,
            "At least 50 cookies per domain are kept; beyond the limit the least recently used are evicted (§5.3 step 12)",
            () =>
            {
                var jar = new CookieJar();
                for (int i = 0; i < 51; i++)
                {
                    jar.SetCookie(Http, $"c{i}=1");
                }

                Expect.Equal(50, jar.Count, "cookies kept");
                Expect.True(jar.GetAllCookies().All(c => c.Name != "c0"), "oldest evicted");
            });

        yield return new("6265bis-5-secure-from-http", "6265bis", "5", RequirementLevel.Must,
            "Storage model: a Secure cookie is not set from an insecure origin, nor may one shadow an existing Secure cookie",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(!jar.SetCookie(Http, "a=1; Secure"), "Secure from http refused");
                jar.SetCookie(Https, "sid=good; Secure; Path=/");
                Expect.True(!jar.SetCookie(Http, "sid=evil; Path=/dir"), "shadowing from http refused");
            });

        yield return new("6265bis-4.1.3-prefixes", "6265bis", "4.1.3", RequirementLevel.Must,
            "__Secure- needs Secure; __Host- needs Secure, no Domain and Path=/",
            () =>
            {
                var jar = new CookieJar();
                Expect.True(!jar.SetCookie(Https, "__Secure-a=1"), "__Secure- without Secure");
                Expect.True(jar.SetCookie(Https, "__Secure-a=1; Secure"), "__Secure- with Secure");
                Expect.True(!jar.SetCookie(Https, "__Host-b=1; Secure; Path=/; Domain=example.com"), "__Host- with Domain");
                Expect.True(!jar.SetCookie(Https, "__Host-b=1; Secure"), "__Host- without Path=/");
                Expect.True(jar.SetCookie(Https, "__Host-b=1; Secure; Path=/"), "__Host- well formed");
            });
    }

    /// <summary>A clock that moves only when a case sets it.</summary>
    private sealed class FixedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
