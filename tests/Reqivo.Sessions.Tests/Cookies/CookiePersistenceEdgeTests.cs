using System;
using System.IO;
using System.Linq;
using System.Text;
using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Loading a saved jar: incomplete entries are skipped, absent fields take their defaults, creation order is replayed.</summary>
public sealed class CookiePersistenceEdgeTests
{
    private readonly ManualClock _clock = new();

    private CookieJar NewJar(int perDomain = 50) =>
        new(new CookieJarOptions { TimeProvider = _clock, MaxCookiesPerDomain = perDomain });

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("""{"name":"","value":"v","domain":"example.com","path":"/"}""")]
    [InlineData("""{"name":"n","value":null,"domain":"example.com","path":"/"}""")]
    [InlineData("""{"name":"n","value":"v","domain":"","path":"/"}""")]
    [InlineData("""{"name":"n","value":"v","domain":"example.com","path":null}""")]
    [InlineData("""{"value":"v","domain":"example.com"}""")]
    [InlineData("""{"name":"n","value":"v"}""")]
    public void An_entry_missing_a_required_field_is_skipped_and_the_rest_loads(string entry)
    {
        var jar = NewJar();
        string json = $$"""{"version":1,"cookies":[{{entry}},{"name":"ok","value":"1","domain":"example.com","hostOnly":true}]}""";
        Assert.Equal(1, jar.Load(Json(json)));
        Assert.Equal("ok", Assert.Single(jar.GetAllCookies()).Name);
    }

    [Fact]
    public void Absent_value_and_path_default_to_empty_and_root()
    {
        var jar = NewJar();
        Assert.Equal(1, jar.Load(Json("""{"version":1,"cookies":[{"name":"n","domain":"example.com","hostOnly":true}]}""")));
        Cookie cookie = Assert.Single(jar.GetAllCookies());
        Assert.Equal("", cookie.Value);
        Assert.Equal("/", cookie.Path);
        Assert.Equal("n=", jar.GetCookieHeader(new Uri("http://example.com/any/path")));
    }

    [Fact]
    public void Cookies_are_replayed_in_creation_order_so_the_limit_keeps_the_newest()
    {
        // Same last-access time: the one inserted first is the least recently used, so the replay order decides.
        string json = """
            {"version":1,"cookies":[
              {"name":"newer","value":"1","domain":"example.com","path":"/","hostOnly":true,
               "creationTime":"2025-05-02T00:00:00+00:00","lastAccessTime":"2025-05-03T00:00:00+00:00"},
              {"name":"older","value":"1","domain":"example.com","path":"/","hostOnly":true,
               "creationTime":"2025-05-01T00:00:00+00:00","lastAccessTime":"2025-05-03T00:00:00+00:00"}
            ]}
            """;
        var jar = NewJar(perDomain: 1);
        // Both were accepted; the second one's insertion then evicted the first (Load's documented count).
        Assert.Equal(2, jar.Load(Json(json)));
        Assert.Equal("newer", Assert.Single(jar.GetAllCookies()).Name);
    }
}
