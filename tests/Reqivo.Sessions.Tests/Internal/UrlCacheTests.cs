using System;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Internal;

public sealed class UrlCacheTests
{
    [Fact]
    public void The_same_url_string_yields_the_same_uri_object()
    {
        var cache = new UrlCache();

        Uri first = cache.Parse("http://127.0.0.1:8080/small?x=1");
        Uri second = cache.Parse(new string("http://127.0.0.1:8080/small?x=1".AsSpan()));

        Assert.Same(first, second);
        Assert.Equal("/small?x=1", first.PathAndQuery);
    }

    [Fact]
    public void Relative_urls_stay_relative()
    {
        var cache = new UrlCache();

        Uri uri = cache.Parse("items/1");

        Assert.False(uri.IsAbsoluteUri);
        Assert.Equal("items/1", uri.OriginalString);
    }

    [Fact]
    public void The_cache_stops_growing_at_its_capacity_and_still_parses()
    {
        var cache = new UrlCache();
        for (int i = 0; i < UrlCache.Capacity + 50; i++)
        {
            Assert.Equal($"/item/{i}", cache.Parse($"http://h/item/{i}").AbsolutePath);
        }

        Assert.Equal(UrlCache.Capacity, cache.Count);
        Assert.NotSame(cache.Parse("http://h/item/300"), cache.Parse("http://h/item/300"));
    }

    [Fact]
    public void A_null_url_is_refused()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new UrlCache().Parse(null!));

        Assert.Equal("url", error.ParamName);
    }

    [Fact]
    public void An_invalid_url_raises_a_format_error_and_is_not_cached()
    {
        var cache = new UrlCache();

        Assert.Throws<UriFormatException>(() => cache.Parse("http://[bad/"));
        Assert.Equal(0, cache.Count);
    }
}
