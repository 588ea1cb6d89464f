using Reqivo.Cookies;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>A cookie's text names it and its scope, never its value.</summary>
public sealed class CookieTextTests
{
    [Theory]
    [InlineData(true, true, "/app", "sid (example.com/app, secure)")]
    [InlineData(false, false, "/", "sid (.example.com/)")]
    [InlineData(true, false, "/", "sid (example.com/)")]
    [InlineData(false, true, "/a", "sid (.example.com/a, secure)")]
    public void Text_shows_name_scope_and_security(bool hostOnly, bool secure, string path, string expected)
    {
        var cookie = new Cookie("sid", "secret-value", "example.com") { HostOnly = hostOnly, Secure = secure, Path = path };
        Assert.Equal(expected, cookie.ToString());
    }
}
