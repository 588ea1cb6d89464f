using System;
using System.Collections.Generic;
using Reqivo.Protocol;
using Reqivo.Redirects;

namespace Reqivo.Conformance;

/// <summary>
/// RFC 9110 §15.4 and §10.2.2: how a user agent follows a redirect, checked on the session's pure redirect rules
/// (<c>RedirectRules</c>) and on the request it derives for the next hop (no sockets).
/// </summary>
internal static class Rfc9110RedirectCases
{
    private static readonly Uri Current = new("http://example.com/a/b/page?x=1#section");

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new("9110-15.4.2-301-post-get", "9110", "15.4.2", RequirementLevel.May,
            "301: a user agent MAY change POST to GET for the redirected request (and then sends no content)",
            () => ExpectStep(HttpMethods.Post, 301, HttpMethods.Get, keepBody: false));

        yield return new("9110-15.4.3-302-post-get", "9110", "15.4.3", RequirementLevel.May,
            "302: a user agent MAY change POST to GET for the redirected request (and then sends no content)",
            () => ExpectStep(HttpMethods.Post, 302, HttpMethods.Get, keepBody: false));

        yield return new("9110-15.4.2-301-other-methods-kept", "9110", "15.4.2", RequirementLevel.Should,
            "301/302: only POST has the historical exception; PUT and DELETE keep their method and content",
            () =>
            {
                ExpectStep(HttpMethods.Put, 301, HttpMethods.Put, keepBody: true);
                ExpectStep(HttpMethods.Delete, 302, HttpMethods.Delete, keepBody: true);
            });

        yield return new("9110-15.4.4-303-get", "9110", "15.4.4", RequirementLevel.Should,
            "303: the redirected request is a retrieval (GET, or HEAD for HEAD) without content, whatever the method was",
            () =>
            {
                ExpectStep(HttpMethods.Post, 303, HttpMethods.Get, keepBody: false);
                ExpectStep(HttpMethods.Put, 303, HttpMethods.Get, keepBody: false);
                ExpectStep(HttpMethods.Head, 303, HttpMethods.Head, keepBody: false);
            });

        yield return new("9110-15.4.8-307-method-kept", "9110", "15.4.8", RequirementLevel.Must,
            "307: the user agent MUST NOT change the request method; the content is sent again",
            () =>
            {
                ExpectStep(HttpMethods.Post, 307, HttpMethods.Post, keepBody: true);
                ExpectStep(HttpMethods.Patch, 307, HttpMethods.Patch, keepBody: true);
            });

        yield return new("9110-15.4.9-308-method-kept", "9110", "15.4.9", RequirementLevel.Must,
            "308: changing the request method from POST to GET is not allowed; the content is sent again",
            () => ExpectStep(HttpMethods.Post, 308, HttpMethods.Post, keepBody: true));

        yield return new("9110-15.4-not-followed", "9110", "15.4", RequirementLevel.Should,
            "300 (a choice for the user), 304 (a cache answer) and a 3xx without Location are not followed automatically",
            () =>
            {
                Expect.True(RedirectRules.Decide(HttpMethods.Get, 300, Current, "/other") is null, "300 not followed");
                Expect.True(RedirectRules.Decide(HttpMethods.Get, 304, Current, "/other") is null, "304 not followed");
                Expect.True(RedirectRules.Decide(HttpMethods.Get, 302, Current, null) is null, "302 without Location not followed");
            });

        yield return new("9110-10.2.2-location-resolved", "9110", "10.2.2", RequirementLevel.Must,
            "A relative Location is resolved against the target URI of the request (RFC 3986 §5)",
            () =>
            {
                Expect.Equal("http://example.com/a/b/next#section", Target("next"), "relative path");
                Expect.Equal("http://example.com/a/next#section", Target("../next"), "dot segments");
                Expect.Equal("http://example.com/root#section", Target("/root"), "absolute path");
                Expect.Equal("http://example.com/a/b/page?y=2#section", Target("?y=2"), "query only");
                Expect.Equal("http://other.example/x#section", Target("//other.example/x"), "network-path reference");
                Expect.Equal("https://other.example/x#section", Target("https://other.example/x"), "absolute URI");
            });

        yield return new("9110-10.2.2-fragment-inherited", "9110", "10.2.2", RequirementLevel.Must,
            "A Location without a fragment inherits the fragment of the original target; one with a fragment keeps its own",
            () =>
            {
                Expect.Equal("http://example.com/next#section", Target("/next"), "inherited fragment");
                Expect.Equal("http://example.com/next#own", Target("/next#own"), "own fragment");
            });

        yield return new("9110-15.4-content-fields-removed", "9110", "15.4", RequirementLevel.Should,
            "When the method changes to GET, the content and content-specific fields (Content-Type, Content-Language, ...) are removed",
            () =>
            {
                var post = new Request(HttpMethods.Post, Current) { Body = RequestBody.FromString("x") };
                post.Headers.Add("Content-Type", "text/plain");
                post.Headers.Add("Content-Language", "en");
                post.Headers.Add("Accept", "*/*");
                Request next = post.ForRedirect(HttpMethods.Get, new Uri("http://example.com/next"), keepBody: false, dropCredentials: false);
                Expect.True(next.Body is null, "content removed");
                Expect.True(!next.Headers.Contains("Content-Type") && !next.Headers.Contains("Content-Language"), "content fields removed");
                Expect.True(next.Headers.Contains("Accept"), "other fields kept");
            });

        yield return new("9110-15.4-credentials-removed", "9110", "15.4", RequirementLevel.Should,
            "Authorization, Proxy-Authorization and Cookie set by the caller are removed when the redirect leaves the origin",
            () =>
            {
                var get = new Request(HttpMethods.Get, Current);
                get.Headers.Add(HttpHeaderNames.Authorization, "Bearer t");
                get.Headers.Add(HttpHeaderNames.ProxyAuthorization, "Basic x");
                get.Headers.Add(HttpHeaderNames.Cookie, "a=1");
                RedirectStep step = RedirectRules.Decide(HttpMethods.Get, 302, Current, "http://other.example/")
                    ?? throw new ConformanceFailure("302 with Location not followed");
                Expect.True(step.LeavesOrigin, "other host is another origin");
                Request next = get.ForRedirect(step.Method, step.Target, step.KeepBody, step.LeavesOrigin);
                Expect.Equal(0, next.Headers.Count, "credential fields left");
                Expect.True(RedirectRules.Decide(HttpMethods.Get, 302, Current, "http://example.com:8080/")!.LeavesOrigin, "other port is another origin");
                Expect.True(!RedirectRules.Decide(HttpMethods.Get, 302, Current, "/same")!.LeavesOrigin, "same origin");
            });

        yield return new("9110-15.4-https-downgrade-detected", "9110", "15.4", RequirementLevel.May,
            "A redirect from https to http is recognised as a downgrade (refused by default by the session)",
            () =>
            {
                var secure = new Uri("https://example.com/");
                Expect.True(RedirectRules.Decide(HttpMethods.Get, 302, secure, "http://example.com/")!.IsDowngrade, "https to http");
                Expect.True(!RedirectRules.Decide(HttpMethods.Get, 302, Current, "https://example.com/")!.IsDowngrade, "http to https");
            });
    }

    private static void ExpectStep(string method, int status, string expectedMethod, bool keepBody)
    {
        RedirectStep step = RedirectRules.Decide(method, status, Current, "/next")
            ?? throw new ConformanceFailure($"{status} with a Location was not followed");
        Expect.Equal(expectedMethod, step.Method, $"{method} after {status}: method");
        Expect.Equal(keepBody, step.KeepBody, $"{method} after {status}: content sent again");
    }

    private static string Target(string location) =>
        (RedirectRules.Decide(HttpMethods.Get, 302, Current, location) ?? throw new ConformanceFailure($"'{location}' not followed")).Target.AbsoluteUri;
}
