using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Reqivo.LoadHarness;

/// <summary>
/// <c>--serve-kestrel</c>: Kestrel on 127.0.0.1 (port chosen by the OS), HTTP/1.1 only, answering <c>GET /small</c>
/// like nginx does (200, text/plain, Content-Length 5, <c>hello</c>). It runs in a child process of the harness so
/// that the client's CPU time is measured alone. It prints <c>listening URL</c> and stops when its stdin closes.
/// </summary>
internal static class KestrelSmallServer
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello");

    public static async Task<int> RunAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http1));
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(static async context =>
        {
            if (context.Request.Path != "/small")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Hello.Length;
            await context.Response.BodyWriter.WriteAsync(Hello);
        });

        await app.StartAsync();
        Console.WriteLine($"listening {app.Urls.Single().TrimEnd('/')}");
        // The harness ends this server by closing our stdin (or, failing that, by killing this process).
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await app.StopAsync();
        return 0;
    }
}
