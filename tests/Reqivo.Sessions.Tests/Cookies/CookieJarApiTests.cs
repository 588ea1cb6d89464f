using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Reqivo.Cookies;
using Reqivo.Protocol;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>Reading, adding, removing and clearing cookies; saving and loading; the session's entry point; concurrency.</summary>
public sealed class CookieJarApiTests
{
    private readonly ManualClock _clock = new();

    private CookieJar NewJar() => new(new CookieJarOptions { TimeProvider = _clock });

    [Fact]
    public void Add_stores_a_cookie_and_fills_its_times()
    {
        var jar = NewJar();
        jar.Add(new Cookie("a", "1", ".Example.com") { Path = "/app", Secure = true });
        Cookie stored = Assert.Single(jar.GetAllCookies());
        Assert.Equal("example.com", stored.Domain);
        Assert.Equal(_clock.GetUtcNow(), stored.CreationTime);
        Assert.Equal(_clock.GetUtcNow(), stored.LastAccessTime);
        Assert.Equal("a=1", jar.GetCookieHeader(new Uri("https://www.example.com/app/x")));
        Assert.Null(jar.GetCookieHeader(new Uri("http://www.example.com/app/x")));
    }

    [Fact]
    public void Add_replaces_the_cookie_with_the_same_identity()
    {
        var jar = NewJar();
        var cookie = new Cookie("a", "1", "example.com") { HostOnly = true };
        jar.Add(cookie);
        jar.Add(cookie with { Value = "2" });
        Assert.Equal("2", Assert.Single(jar.GetAllCookies()).Value);
    }

    [Theory]
    [InlineData("a;b", "1", "example.com", "/")]
    [InlineData("a=b", "1", "example.com", "/")]
    [InlineData(" a", "1", "example.com", "/")]
    [InlineData("a", "1;2", "example.com", "/")]
    [InlineData("a", "1\r\n", "example.com", "/")]
    [InlineData("a", "1", "com", "/")]
    [InlineData("a", "1", "co.uk", "/")]
    [InlineData("a", "1", "exa mple.com", "/")]
    [InlineData("a", "1", "example.com", "relative")]
    [InlineData("__Secure-a", "1", "example.com", "/")]
    [InlineData("__Host-a", "1", "example.com", "/")]
    public void Add_refuses_a_cookie_that_breaks_a_rule(string name, string value, string domain, string path)
    {
        var jar = NewJar();
        Assert.Throws<ArgumentException>(() => jar.Add(new Cookie(name, value, domain) { Path = path }));
        Assert.Equal(0, jar.Count);
    }

    [Fact]
    public void Add_refuses_an_oversized_cookie()
    {
        Assert.Throws<ArgumentException>(() => NewJar().Add(new Cookie("a", new string('x', 4096), "example.com")));
    }

    [Fact]
    public void Remove_and_clear()
    {
        var jar = NewJar();
        var uri = new Uri("http://example.com/");
        jar.SetCookie(uri, "a=1");
        jar.SetCookie(uri, "b=1");
        Cookie a = jar.GetAllCookies().Single(c => c.Name == "a");
        Assert.True(jar.Remove(a with { Value = "ignored" }));
        Assert.False(jar.Remove(a));
        Assert.False(jar.Remove(a with { Path = "/other" }));
        Assert.Equal("b=1", jar.GetCookieHeader(uri));
        jar.Clear();
        Assert.Equal(0, jar.Count);
        Assert.Empty(jar.GetAllCookies());
    }

    [Fact]
    public void Store_from_response_takes_every_set_cookie_line_whole()
    {
        var jar = NewJar();
        var headers = new HttpHeaders();
        headers.Add("Set-Cookie", "a=1; Expires=Wed, 01 Jan 2025 00:00:00 GMT, b=2");
        headers.Add("Content-Type", "text/plain");
        headers.Add("set-cookie", "c=3; Path=/");
        headers.Add("Set-Cookie", "d=4; Secure");
        jar.StoreFromResponse(new Uri("http://example.com/x"), headers);
        Assert.Equal("c=3", jar.GetCookieHeader(new Uri("http://example.com/")));
    }

    [Fact]
    public void Save_and_load_keep_every_attribute()
    {
        var source = NewJar();
        source.SetCookie(new Uri("https://www.example.com/app/page"), "sid=abc; Secure; HttpOnly; SameSite=Strict; Max-Age=3600; Domain=example.com; Path=/app");
        _clock.Advance(TimeSpan.FromSeconds(5));
        source.SetCookie(new Uri("http://example.org/"), "session=\"quoted, value\"");
        source.SetCookie(new Uri("http://127.0.0.1:8080/"), "ip=1; SameSite=Lax");
        source.SetCookie(new Uri("https://bücher.example/"), "__Host-x=1; Secure; Path=/");

        using var stream = new MemoryStream();
        source.Save(stream);
        stream.Position = 0;
        var target = NewJar();
        Assert.Equal(4, target.Load(stream));

        Assert.Equal(Sorted(source), Sorted(target));
        Assert.Equal(source.GetCookieHeader(new Uri("https://example.com/app")), target.GetCookieHeader(new Uri("https://example.com/app")));
    }

    [Fact]
    public async Task Save_and_load_async_round_trip()
    {
        var source = NewJar();
        source.SetCookie(new Uri("http://example.com/"), "a=1; Max-Age=60");
        using var stream = new MemoryStream();
        await source.SaveAsync(stream);
        stream.Position = 0;
        var target = NewJar();
        Assert.Equal(1, await target.LoadAsync(stream));
        Assert.Equal(Sorted(source), Sorted(target));
    }

    [Fact]
    public void Saved_json_uses_readable_names()
    {
        var jar = NewJar();
        jar.SetCookie(new Uri("https://example.com/"), "a=1; SameSite=Lax; Secure");
        using var stream = new MemoryStream();
        jar.Save(stream);
        using JsonDocument document = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        JsonElement cookie = document.RootElement.GetProperty("cookies")[0];
        Assert.Equal("Lax", cookie.GetProperty("sameSite").GetString());
        Assert.True(cookie.GetProperty("secure").GetBoolean());
        Assert.True(cookie.GetProperty("hostOnly").GetBoolean());
    }

    [Fact]
    public void Load_skips_cookies_that_expired_or_break_a_rule()
    {
        string json = """
            {"version":1,"cookies":[
              {"name":"live","value":"1","domain":"example.com","path":"/","hostOnly":true,"expires":"2030-01-01T00:00:00+00:00"},
              {"name":"dead","value":"1","domain":"example.com","path":"/","expires":"2020-01-01T00:00:00+00:00"},
              {"name":"wide","value":"1","domain":"co.uk","path":"/"},
              {"name":"bad;name","value":"1","domain":"example.com","path":"/"}
            ]}
            """;
        var jar = NewJar();
        Assert.Equal(1, jar.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Equal("live", Assert.Single(jar.GetAllCookies()).Name);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":2,\"cookies\":[]}")]
    [InlineData("null")]
    public void Load_refuses_what_is_not_a_saved_jar(string json)
    {
        Assert.ThrowsAny<JsonException>(() => NewJar().Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void Concurrent_setting_and_reading_keeps_every_cookie()
    {
        var jar = new CookieJar();
        Parallel.For(0, 400, i =>
        {
            var uri = new Uri($"http://h{i % 8}.test/");
            Assert.True(jar.SetCookie(uri, $"c{i}=v"));
            Assert.NotNull(jar.GetCookieHeader(uri));
        });
        Assert.Equal(400, jar.Count);
        Assert.Equal(50, jar.GetCookies(new Uri("http://h3.test/")).Count);
    }

    private static Cookie[] Sorted(CookieJar jar) =>
        jar.GetAllCookies().OrderBy(c => c.Domain, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
}
