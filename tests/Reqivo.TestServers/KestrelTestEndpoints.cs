using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Reqivo.TestServers;

/// <summary>
/// The endpoints of <see cref="KestrelTestHost"/>. Bodies that carry data follow <see cref="TestPayload"/>, so a client
/// test can check every byte without keeping a copy. Framing is chosen on purpose per endpoint: Content-Length where
/// a length is set below, chunked where it is not (Kestrel chunks HTTP/1.1 responses without a length).
/// </summary>
internal static class KestrelTestEndpoints
{
    private const int MaxDelayMilliseconds = 10_000;

    // A whole number of pattern periods, so every block of a body starts again at pattern byte 0.
    private static readonly byte[] PatternBlock = TestPayload.Create(TestPayload.Period * 64);

    private static readonly byte[] HelloBody = "hello"u8.ToArray();
    private static readonly byte[] JsonBody = """{"name":"reqivo","items":[1,2,3]}"""u8.ToArray();

    /// <summary>
    /// Maps: GET /hello; GET|HEAD /bytes/{n} (length-framed pattern); GET /chunked/{n}?chunk=k (pattern in flushed
    /// k-byte chunks, default 1024); GET /stream/{n} (JSON lines); POST|PUT|PATCH|DELETE /echo (body back, plus
    /// X-Request-Method, X-Request-Length = declared length, "chunked" or "none", X-Request-Transfer-Encoding = value
    /// or "none"); GET /headers (request fields as JSON); GET /json; GET /status/{200..599}; GET /delay/{ms} (at most
    /// 10 s); GET /slow-body/{n}?gapMs=g (head at once, then one byte per g ms, default 100); GET /trailers; POST /expect
    /// (body length); POST /form (parsed by ASP.NET Core's form reader: one line per field
    /// "field:name=value" and per file "file:name;filename;content-type;length", plus X-Request-Length); GET /set-header?name=..&amp;value=..; GET /close (Connection: close); any method on
    /// /redirect-to?url=..&amp;status=.. (that status, default 302, with Location: url), GET|HEAD /redirect/{n} (302 to
    /// /redirect/{n-1}, /redirect/0 answers 200 "done"), GET /loop/{0|1} (302 to the other one), any method on /inspect (see <see cref="InspectAsync"/>); and the WebSocket endpoints
    /// under /ws/ (see <see cref="KestrelWebSocketEndpoints"/>).
    /// </summary>
    public static void MapTestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hello", (HttpContext context) => WriteFixedAsync(context, HelloBody, "text/plain"));
        app.MapMethods("/bytes/{n:long}", [HttpMethods.Get, HttpMethods.Head], WritePatternAsync);
        app.MapGet("/chunked/{n:long}", WriteChunkedPatternAsync);
        app.MapGet("/stream/{n:int}", WriteJsonLinesAsync);
        app.MapMethods("/echo", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], EchoAsync);
        app.MapGet("/headers", WriteRequestHeadersAsync);
        app.MapGet("/json", (HttpContext context) => WriteFixedAsync(context, JsonBody, "application/json"));
        app.MapGet("/status/{code:int:range(200,599)}", (HttpContext context, int code) => { context.Response.StatusCode = code; });
        app.MapGet("/delay/{ms:int}", DelayAsync);
        app.MapGet("/slow-body/{n:int}", WriteSlowBodyAsync);
        app.MapGet("/trailers", WriteTrailersAsync);
        app.MapPost("/expect", CountBodyAsync);
        app.MapPost("/form", DescribeFormAsync);
        app.MapGet("/set-header", SetHeader);
        app.MapMethods("/redirect-to", AllMethods, RedirectTo);
        app.MapMethods("/redirect/{n:int}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, int n) =>
        {
            if (n <= 0)
            {
                return WriteFixedAsync(context, "done"u8.ToArray(), "text/plain");
            }

            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/redirect/{n - 1}";
            return Task.CompletedTask;
        });
        app.MapMethods("/inspect", AllMethods, InspectAsync);
        app.MapGet("/loop/{step:int}", (HttpContext context, int step) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/loop/{(step + 1) % 2}";
        });
        app.MapGet("/challenge", (HttpContext context) =>
        {
            // A Basic challenge to every request without credentials; with them, the Authorization value echoed back.
            string authorization = context.Request.Headers.Authorization.ToString();
            if (authorization.Length == 0)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return Task.CompletedTask;
            }

            return WriteFixedAsync(context, System.Text.Encoding.ASCII.GetBytes(authorization), "text/plain");
        });
        app.MapWebSocketEndpoints();
        app.MapGet("/close", (HttpContext context) =>
        {
            // Kestrel closes the connection after a response the application marked Connection: close.
            context.Response.Headers.Connection = "close";
            return WriteFixedAsync(context, "close"u8.ToArray(), "text/plain");
        });
    }

    private static readonly string[] AllMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    private static void RedirectTo(HttpContext context, string url, int? status)
    {
        context.Response.StatusCode = status ?? 302;
        context.Response.Headers.Location = url;
    }

    /// <summary>
    /// Answers with a text description of the request: the request line's method and target, one line per header
    /// field ("Name: value"), an empty line, then the body as received (decoded as UTF-8).
    /// </summary>
    private static async Task InspectAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').Append(request.Path.Value).Append(request.QueryString.Value).Append('\n');
        foreach (var (name, values) in request.Headers)
        {
            foreach (string? value in values)
            {
                text.Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        text.Append('\n');
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        text.Append(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        await WriteFixedAsync(context, Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8");
    }

    private static Task WriteFixedAsync(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static async Task WritePatternAsync(HttpContext context, long n)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = n;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        for (long written = 0; written < n;)
        {
            int length = (int)Math.Min(PatternBlock.Length, n - written);
            await context.Response.Body.WriteAsync(PatternBlock.AsMemory(0, length), context.RequestAborted);
            written += length;
        }
    }

    private static async Task WriteChunkedPatternAsync(HttpContext context, long n, int? chunk)
    {
        int chunkSize = chunk is > 0 ? chunk.Value : 1024;
        context.Response.ContentType = "application/octet-stream";
        byte[] buffer = new byte[Math.Min(chunkSize, n)];
        for (long written = 0; written < n;)
        {
            int length = (int)Math.Min(chunkSize, n - written);
            TestPayload.Fill(buffer.AsSpan(0, length), written);
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            written += length;
        }
    }

    private static async Task WriteJsonLinesAsync(HttpContext context, int n)
    {
        context.Response.ContentType = "application/x-ndjson";
        for (int i = 0; i < n; i++)
        {
            await context.Response.WriteAsync($"{{\"id\":{i}}}\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async Task EchoAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        StringValues transferEncoding = request.Headers.TransferEncoding;
        context.Response.Headers["X-Request-Method"] = request.Method;
        context.Response.Headers["X-Request-Length"] = request.ContentLength is long length
            ? length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : transferEncoding.Count > 0 ? "chunked" : "none";
        context.Response.Headers["X-Request-Transfer-Encoding"] = transferEncoding.Count > 0 ? transferEncoding.ToString() : "none";

        // The whole body is read before the echo starts: a client that finishes sending before it reads must not
        // deadlock against a server whose writes are blocked by a full socket buffer.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (request.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }

    private static Task WriteRequestHeadersAsync(HttpContext context)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in context.Request.Headers)
            {
                writer.WriteStartArray(name);
                foreach (string? value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return WriteFixedAsync(context, json.WrittenSpan.ToArray(), "application/json");
    }

    private static async Task DelayAsync(HttpContext context, int ms)
    {
        try
        {
            await Task.Delay(Math.Clamp(ms, 0, MaxDelayMilliseconds), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing left to answer.
            return;
        }

        await WriteFixedAsync(context, "done"u8.ToArray(), "text/plain");
    }

    private static async Task WriteSlowBodyAsync(HttpContext context, int n, int? gapMs)
    {
        int gap = Math.Clamp(gapMs ?? 100, 0, MaxDelayMilliseconds);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = n;
        // The head goes out at once, so a client's read timeout is tested on the body alone. StartAsync only
        // commits the head to Kestrel's output pipe; the flush puts it on the wire.
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        byte[] one = new byte[1];
        try
        {
            for (int i = 0; i < n; i++)
            {
                await Task.Delay(gap, context.RequestAborted);
                one[0] = TestPayload.ByteAt(i);
                await context.Response.Body.WriteAsync(one, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // A client that timed out and closed the connection is the expected ending of most uses.
        }
    }

    private static async Task WriteTrailersAsync(HttpContext context)
    {
        // Kestrel supports Response.AppendTrailer on HTTP/2 and HTTP/3 only; on HTTP/1.1 it throws. When the
        // application sets Transfer-Encoding itself, Kestrel does not chunk and sends the body bytes as written,
        // so the chunked framing and its trailer section are written here by hand (RFC 9112 §7.1, §7.1.2).
        context.Response.ContentType = "text/plain";
        context.Response.Headers.TransferEncoding = "chunked";
        // RFC 9110 §6.6.2: announce the trailer field so the recipient knows to expect it.
        context.Response.Headers.Trailer = "X-Checksum";
        await context.Response.Body.WriteAsync("3\r\nabc\r\n0\r\nX-Checksum: 123\r\n\r\n"u8.ToArray(), context.RequestAborted);
    }

    private static async Task CountBodyAsync(HttpContext context)
    {
        // Kestrel answers Expect: 100-continue with an interim 100 the first time the body is read.
        long length = 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        byte[] body = Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WriteFixedAsync(context, body, "text/plain");
    }

    private static async Task DescribeFormAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        context.Response.Headers["X-Request-Length"] = request.ContentLength is long declared
            ? declared.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "chunked";
        IFormCollection form = await request.ReadFormAsync(context.RequestAborted);
        var text = new StringBuilder();
        foreach (var (name, values) in form)
        {
            foreach (string? value in values)
            {
                text.Append("field:").Append(name).Append('=').Append(value).Append('\n');
            }
        }

        foreach (IFormFile file in form.Files)
        {
            text.Append("file:").Append(file.Name).Append(';').Append(file.FileName).Append(';')
                .Append(file.ContentType).Append(';').Append(file.Length).Append('\n');
        }

        await WriteFixedAsync(context, Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8");
    }

    private static IResult SetHeader(HttpContext context, string? name, string? value)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Results.BadRequest();
        }

        context.Response.Headers[name] = value ?? string.Empty;
        return Results.Empty;
    }
}
