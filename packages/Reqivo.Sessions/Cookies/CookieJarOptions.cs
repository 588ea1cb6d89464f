using System;

namespace Reqivo.Cookies;

/// <summary>Settings of a <see cref="CookieJar"/>.</summary>
public sealed class CookieJarOptions
{
    /// <summary>The clock that decides expiry, creation and access times. <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The most cookies kept for one registrable domain (such as <c>example.co.uk</c> and all its subdomains);
    /// 50 by default (RFC 6265 §6.1 asks for at least 50).
    /// </summary>
    public int MaxCookiesPerDomain { get; init; } = 50;

    /// <summary>The most cookies the jar keeps in all; 3000 by default (RFC 6265 §6.1 asks for at least 3000).</summary>
    public int MaxCookies { get; init; } = 3000;

    /// <summary>The public suffixes refused as a cookie <c>Domain</c>; <see cref="PublicSuffixList.Default"/> by default.</summary>
    public PublicSuffixList PublicSuffixList { get; init; } = PublicSuffixList.Default;
}
