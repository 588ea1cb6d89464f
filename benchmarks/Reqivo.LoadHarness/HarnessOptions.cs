using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Reqivo.LoadHarness;

/// <summary>Command-line options of every mode (see <see cref="Usage"/>).</summary>
internal sealed class HarnessOptions
{
    public const string Usage = """
        Reqivo loopback load harness (docs/performance.md, "Loopback load").
          (no mode)              run everything against nginx (must be running) and a Kestrel child; write the report
            --reps N             repetitions (default 3)
            --seconds S          seconds per measured window (default 3)
            --warmup S           warm-up seconds per client process, once per configuration (default 15)
            --connections 1,32   connection counts (default 1,32; 1 is pinned with taskset)
            --servers nginx,kestrel   --downloads N   timed 256 MiB downloads per run (default 2; 0 skips them)
            --nginx-port P       default: artifacts/interop/nginx/server.env, else $REQIVO_NGINX_HTTP_PORT, else 18080
            --output FILE        default: artifacts/bench-load/loopback-load.md
            --no-pin             never use taskset
          --alloc-profile --url URL [--warmup S] [--seconds S]
                                 allocation by experiment on one connection
          --client NAME --url URL (--connections N [--serve-windows] | --download N) [--server-pids P,Q] [--no-timeouts]
                                 measured runs of one client (the harness runs these itself); --serve-windows measures
                                 one window per "measure S" line on stdin; --no-timeouts: Reqivo with Timeouts.None
          --serve-kestrel        the Kestrel /small server (the harness runs it itself)
        """;

    public string? Mode { get; private set; }

    public string? Client { get; private set; }

    public string? Url { get; private set; }

    public int Repetitions { get; private set; } = 3;

    public int Seconds { get; private set; } = 3;

    public int Warmup { get; private set; } = 15;

    public int[] Connections { get; private set; } = [1, 32];

    public string[] Servers { get; private set; } = ["nginx", "kestrel"];

    public int Downloads { get; private set; } = 2;

    public int BodyLength { get; private set; } = 5;

    public int NginxPort { get; private set; }

    /// <summary>The server's processes, whose CPU time a client run reports alongside its own.</summary>
    public int[] ServerPids { get; private set; } = [];

    public bool NoPin { get; private set; }

    /// <summary>Client mode: after the warm-up, measure one window per <c>measure S</c> line on stdin.</summary>
    public bool ServeWindows { get; private set; }

    public string RepositoryRoot { get; private set; } = FindRepositoryRoot();

    public string Output { get; private set; } = "";

    public string WrkScript => Path.Combine(RepositoryRoot, "build/interop/wrk.sh");

    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions();
        bool downloadGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--serve-kestrel": options.Mode = "serve-kestrel"; break;
                case "--alloc-profile": options.Mode = "alloc-profile"; break;
                case "--client": options.Mode = "client"; options.Client = Next(); break;
                case "--download": options.Downloads = NextInt(); downloadGiven = true; break;
                case "--url": options.Url = Next(); break;
                case "--reps": options.Repetitions = NextInt(); break;
                case "--seconds": options.Seconds = NextInt(); break;
                case "--warmup": options.Warmup = NextInt(); break;
                case "--connections": options.Connections = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
                case "--servers": options.Servers = Next().Split(','); break;
                case "--downloads": options.Downloads = NextInt(); break;
                case "--body-length": options.BodyLength = NextInt(); break;
                case "--nginx-port": options.NginxPort = NextInt(); break;
                case "--output": options.Output = Path.GetFullPath(Next()); break;
                case "--no-pin": options.NoPin = true; break;
                case "--serve-windows": options.ServeWindows = true; break;
                case "--no-timeouts": ClientRunner.NoTimeouts = true; break;
                case "--server-pids": options.ServerPids = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))]; break;
                case "--repo": options.RepositoryRoot = Path.GetFullPath(Next()); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (options.Mode == "client" && !downloadGiven)
        {
            options.Downloads = 0;
        }

        if (options.NginxPort == 0)
        {
            options.NginxPort = NginxPortFromEnvironment(options.RepositoryRoot);
        }

        if (options.Output.Length == 0)
        {
            options.Output = Path.Combine(options.RepositoryRoot, "artifacts/bench-load/loopback-load.md");
        }

        if (options.Url is { } url && !new Uri(url).IsLoopback)
        {
            throw new ArgumentException($"Load runs target loopback only: {url}");
        }

        return options;
    }

    // A running nginx keeps the port it was started with (nginx.sh writes it to server.env), whatever the environment says now.
    private static int NginxPortFromEnvironment(string root)
    {
        string env = Path.Combine(root, "artifacts/interop/nginx/server.env");
        string? fromFile = File.Exists(env)
            ? File.ReadLines(env).FirstOrDefault(l => l.StartsWith("http_port=", StringComparison.Ordinal))?["http_port=".Length..]
            : null;
        string? text = fromFile ?? Environment.GetEnvironmentVariable("REQIVO_NGINX_HTTP_PORT");
        return text is null ? 18080 : int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static string FindRepositoryRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Reqivo.sln")))
            {
                return directory;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
