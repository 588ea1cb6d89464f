namespace Reqivo.Cookies;

/// <summary>The <c>SameSite</c> attribute of a cookie (rfc6265bis §4.1.2.7).</summary>
/// <remarks>
/// Recorded and kept on save and load. A session is its own top-level agent with no cross-site navigation, so every
/// request it makes is same-site and the attribute never withholds a cookie.
/// </remarks>
public enum CookieSameSite
{
    /// <summary>No attribute, or a value the jar does not recognise.</summary>
    Unspecified,

    /// <summary><c>SameSite=None</c>: sent with cross-site requests too.</summary>
    None,

    /// <summary><c>SameSite=Lax</c>: sent with same-site requests and top-level cross-site navigations.</summary>
    Lax,

    /// <summary><c>SameSite=Strict</c>: sent with same-site requests only.</summary>
    Strict,
}
