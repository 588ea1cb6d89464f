using System.Globalization;
using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Server;

namespace Reqivo.WebSocketConformance;

/// <summary>
/// Entry point: plays the Autobahn|Testsuite fuzzing server against any WebSocket client.
/// Prints "listening on PORT", then serves until stopped (Ctrl+C), or until the first /updateReports with
/// --exit-after-report.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Reqivo.WebSocketConformance: an Autobahn-style WebSocket fuzzing server on 127.0.0.1.

          --port N               port to listen on (default 9001; 0 picks a free port)
          --cases "1.*,2.*"      case ids or patterns to run (default: all cases in the catalogue)
          --exclude "9.*,12.*"   case ids or patterns to leave out
          --report-dir DIR       where reports go (default artifacts/ws-conformance); one folder per agent
          --catalogue FILE       autobahn-cases.json (default: $REQIVO_VECTORS or ../shared/vectors beside the repo)
          --max-size BYTES       cap on message sizes in groups 9, 12, 13 (default 16777216)
          --message-count N      messages per 9.7, 9.8, 12.x, 13.x case (default 1000)
          --exit-after-report    exit once /updateReports has written the reports

        Exit code: 0, or 1 when a written report holds a FAILED case; 2 for bad arguments.

        URL protocol: /getCaseCount, /getCaseInfo?case=N, /runCase?case=N&agent=A, /updateReports?agent=A
        """;

    public static async Task<int> Main(string[] args)
    {
        ServerOptions options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + "\n\n" + Usage).ConfigureAwait(false);
            return 2;
        }

        string? catalogue = options.CataloguePath ?? FindCatalogue();
        if (catalogue is null || !File.Exists(catalogue))
        {
            await Console.Error.WriteLineAsync("autobahn-cases.json not found: pass --catalogue or set REQIVO_VECTORS").ConfigureAwait(false);
            return 2;
        }

        var factory = new CaseFactory(new CaseLimits(options.MaxCaseMessageSize, options.MessageCount));
        List<CaseInfo> selected = CaseCatalogue.Load(catalogue).Select(Split(options.CasesPattern), Split(options.ExcludePattern));
        CaseInfo? unknown = selected.FirstOrDefault(c => !factory.Knows(c));
        if (unknown is not null)
        {
            await Console.Error.WriteLineAsync("no script for case " + unknown.Id).ConfigureAwait(false);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var server = new FuzzingServer(options, selected, factory);
        await server.RunAsync(cancel.Token).ConfigureAwait(false);
        // Exit code 1 tells a build that at least one case FAILED (OK, NON-STRICT, INFORMATIONAL and UNIMPLEMENTED pass).
        return server.AnyFailed ? 1 : 0;
    }

    private static ServerOptions Parse(string[] args)
    {
        var options = new ServerOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value for " + args[i]);
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException("not a number: " + args[i]);
            options = args[i] switch
            {
                "--port" => options with { Port = Number() },
                "--cases" => options with { CasesPattern = Value() },
                "--exclude" => options with { ExcludePattern = Value() },
                "--report-dir" => options with { ReportDirectory = Value() },
                "--catalogue" => options with { CataloguePath = Value() },
                "--max-size" => options with { MaxCaseMessageSize = Number() },
                "--message-count" => options with { MessageCount = Number() },
                "--exit-after-report" => options with { ExitAfterReport = true },
                "--help" or "-h" => throw new ArgumentException("usage:"),
                _ => throw new ArgumentException("unknown option " + args[i]),
            };
        }

        return options;
    }

    private static string[] Split(string patterns) => patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? FindCatalogue()
    {
        string? root = Environment.GetEnvironmentVariable("REQIVO_VECTORS");
        if (!string.IsNullOrEmpty(root))
        {
            return Path.Combine(root, "websocket", "autobahn-cases.json");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reqivo.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors", "websocket", "autobahn-cases.json"));
            }
        }

        return null;
    }
}
