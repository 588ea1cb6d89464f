using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Reqivo.Tests;
using Reqivo.WebSocketConformance.Driver;

namespace Reqivo.WebSockets.Tests.Conformance;

/// <summary>
/// Runs Reqivo's client, sync path, through the Autobahn-style fuzzing server (conformance/Reqivo.WebSocketConformance)
/// for the case groups 1-7 and 10 (247 cases) with Reqivo's own driver (conformance/clients/reqivo, the one the
/// conformance target runs over groups 9, 12 and 13), echoing every message as Autobahn's client drivers do, and requires
/// every case to be judged OK, NON-STRICT or INFORMATIONAL: none FAILED. The per-case report stays in
/// artifacts/ws-conformance/reqivo/.
/// </summary>
public sealed class FuzzingServerConformanceTests
{
    private const string Agent = "reqivo";
    private const string DefaultCases = "1.*,2.*,3.*,4.*,5.*,6.*,7.*,10.*";

    // REQIVO_WS_CONFORMANCE_CASES selects other groups for a manual run (for example "9.*,12.*,13.*"); the test run
    // uses the default selection and then also requires exactly its 247 cases.
    private static readonly string Cases = Environment.GetEnvironmentVariable("REQIVO_WS_CONFORMANCE_CASES") is { Length: > 0 } cases ? cases : DefaultCases;

    [VectorFact]
    public void Groups_1_to_7_and_10_have_no_failed_case()
    {
        string root = RepositoryRoot();
        string reportDir = Path.Combine(root, "artifacts", "ws-conformance");
        using Process server = StartServer(root, reportDir);
        int count;
        try
        {
            int port = ReadPort(server);
            var driver = new AutobahnDriver(new Uri($"ws://127.0.0.1:{port}"), Agent);
            count = driver.GetCaseCount();
            Assert.True(Cases != DefaultCases || count == 247, $"expected 247 cases, the server has {count}");

            for (int i = 1; i <= count; i++)
            {
                driver.RunCase(i);
            }

            driver.UpdateReports();
            Assert.True(server.WaitForExit(60_000), "the fuzzing server did not exit after writing its reports");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        using JsonDocument index = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportDir, Agent, "index.json")));
        var verdicts = index.RootElement.EnumerateObject()
            .Select(entry => (Case: entry.Name, Behavior: entry.Value.GetProperty("behavior").GetString(), Reason: entry.Value.GetProperty("reason").ToString()))
            .ToList();
        Assert.Equal(count, verdicts.Count);
        List<string> failed = verdicts
            .Where(v => v.Behavior is not ("OK" or "NON-STRICT" or "INFORMATIONAL"))
            .Select(v => $"{v.Case}: {v.Behavior} ({v.Reason})")
            .ToList();
        Assert.Empty(failed);
    }

    private static Process StartServer(string root, string reportDir)
    {
        // The server's binaries sit beside this project's, under the same configuration (bin/<Configuration>/net10.0).
        string testsBin = AppContext.BaseDirectory;
        string serverDll = Path.GetFullPath(Path.Combine(
            testsBin.Replace(Path.Combine("tests", "Reqivo.WebSockets.Tests"), Path.Combine("conformance", "Reqivo.WebSocketConformance"), StringComparison.Ordinal),
            "Reqivo.WebSocketConformance.dll"));
        Assert.True(File.Exists(serverDll), $"fuzzing server not built: {serverDll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (string arg in new[] { serverDll, "--port", "0", "--cases", Cases, "--message-count", "100", "--report-dir", reportDir, "--exit-after-report" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["REQIVO_VECTORS"] = TestVectors.Root;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static int ReadPort(Process server)
    {
        while (server.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                return int.Parse(line["listening on ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("the fuzzing server exited before listening");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reqivo.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reqivo.sln not found above the test binaries");
    }
}
