using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Reqivo.Authentication;
using Reqivo.Interop.Tests.Infrastructure;

namespace Reqivo.Interop.Tests.Httpbin;

/// <summary>Session features (cookies, redirects, authentication, content codings, forms) against httpbin.</summary>
public sealed class HttpbinFeatureTests(HttpbinServer httpbin) : IClassFixture<HttpbinServer>
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Cookies_set_by_a_redirecting_response_are_sent_back(bool async)
    {
        using Session session = httpbin.CreateSession();

        // /cookies/set answers 302 with Set-Cookie, then redirects to /cookies, which reports what it received.
        using Response response = await session.GetAsync("/cookies/set?flavour=oat&size=2", async);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(response.History);
        using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
        JsonElement cookies = json.RootElement.GetProperty("cookies");
        Assert.Equal("oat", cookies.GetProperty("flavour").GetString());
        Assert.Equal("2", cookies.GetProperty("size").GetString());
        Assert.Equal(2, session.Cookies!.Count);
    }

    [Theory]
    [InlineData("/redirect/3", 3)]
    [InlineData("/relative-redirect/3", 3)]
    [InlineData("/absolute-redirect/3", 3)]
    public async Task Redirect_chains_end_at_get_with_their_history(string path, int hops)
    {
        foreach (bool async in new[] { false, true })
        {
            using Session session = httpbin.CreateSession();

            using Response response = await session.GetAsync(path, async);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(hops, response.History.Count);
            Assert.Equal("/get", response.Uri.AbsolutePath);
        }
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirect_307_and_308_keep_method_and_body(int status)
    {
        foreach (bool async in new[] { false, true })
        {
            using Session session = httpbin.CreateSession();
            var request = new Request(HttpMethods.Post, $"/redirect-to?url=/post&status_code={status}") { Body = RequestBody.FromString("kept") };

            using Response response = await session.SendAsync(request, async);

            Assert.Equal(200, response.StatusCode);
            using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
            Assert.Equal("kept", json.RootElement.GetProperty("data").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Basic_auth_is_accepted(bool async)
    {
        using var session = new Session(new SessionOptions
        {
            BaseAddress = httpbin.BaseAddress,
            Authenticator = new BasicAuthenticator("alice", "s3cret", httpbin.BaseAddress),
        });

        using Response response = await session.GetAsync("/basic-auth/alice/s3cret", async);

        Assert.Equal(200, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
        Assert.True(json.RootElement.GetProperty("authenticated").GetBoolean());
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Digest_auth_answers_the_challenge(string algorithm)
    {
        foreach (bool async in new[] { false, true })
        {
            using var session = new Session(new SessionOptions
            {
                BaseAddress = httpbin.BaseAddress,
                Authenticator = new DigestAuthenticator("bob", "pa55", httpbin.BaseAddress),
            });

            using Response response = await session.GetAsync($"/digest-auth/auth/bob/pa55/{algorithm}", async);

            Assert.Equal(200, response.StatusCode);
            using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
            Assert.Equal("bob", json.RootElement.GetProperty("user").GetString());
        }
    }

    [Theory]
    [InlineData("/gzip", "gzipped")]
    [InlineData("/deflate", "deflated")]
    [InlineData("/brotli", "brotli")]
    public async Task Compressed_bodies_are_decoded(string path, string flag)
    {
        foreach (bool async in new[] { false, true })
        {
            using Session session = httpbin.CreateSession();

            using Response response = await session.GetAsync(path, async);

            Assert.Equal(200, response.StatusCode);
            Assert.False(response.Headers.Contains("Content-Encoding"));
            using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
            Assert.True(json.RootElement.GetProperty(flag).GetBoolean());
        }
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Url_encoded_forms_arrive_as_fields(bool async)
    {
        using Session session = httpbin.CreateSession();
        var request = new Request(HttpMethods.Post, "/post")
        {
            Body = RequestBody.FromForm([new KeyValuePair<string, string>("name", "Zoë & co"), new KeyValuePair<string, string>("q", "a+b=c")]),
        };

        using Response response = await session.SendAsync(request, async);

        using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
        JsonElement form = json.RootElement.GetProperty("form");
        Assert.Equal("Zoë & co", form.GetProperty("name").GetString());
        Assert.Equal("a+b=c", form.GetProperty("q").GetString());
    }

    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task Multipart_files_arrive_with_their_content(bool async)
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "file contents from disk");
            using Session session = httpbin.CreateSession();
            var request = new Request(HttpMethods.Post, "/post")
            {
                Body = new MultipartFormBody().AddField("title", "report").AddFile("upload", path, "report.txt", "text/plain"),
            };

            using Response response = await session.SendAsync(request, async);

            using JsonDocument json = JsonDocument.Parse(await response.ReadAsStringAsync(async));
            Assert.Equal("report", json.RootElement.GetProperty("form").GetProperty("title").GetString());
            Assert.Equal("file contents from disk", json.RootElement.GetProperty("files").GetProperty("upload").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
