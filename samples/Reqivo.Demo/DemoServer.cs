using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reqivo.Demo;

/// <summary>The embedded server the demo talks to: Kestrel on 127.0.0.1 with a port the OS picks.</summary>
internal sealed class DemoServer : IAsyncDisposable
{
    public const int DownloadBytes = 64 * 1024 * 1024;

    private readonly WebApplication _app;

    private DemoServer(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.Single());

    public static async Task<DemoServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        app.MapGet("/hello", () => "Hello from Kestrel!");
        app.MapGet("/small", () => "hello");
        app.MapPost("/orders", async (HttpContext context) =>
        {
            Order? order = await context.Request.ReadFromJsonAsync(DemoJson.Default.Order);
            if (order is null)
            {
                return Results.BadRequest();
            }

            var receipt = new Receipt($"R-{order.Sku}", order.Quantity * order.UnitPrice);
            return Results.Json(receipt, DemoJson.Default.Receipt, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/download", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = DownloadBytes;
            var block = new byte[64 * 1024];
            for (int sent = 0; sent < DownloadBytes; sent += block.Length)
            {
                await context.Response.Body.WriteAsync(block, context.RequestAborted);
            }
        });

        // Once started, Urls holds the address Kestrel actually bound (port 0 replaced by the real one).
        await app.StartAsync();
        return new DemoServer(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
