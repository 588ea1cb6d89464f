// Reqivo's build. Run it through ./build.sh <target> (or build.cmd on Windows), which restores the
// Cake local tool first. Each target is documented in docs/build.md.
#load "lib/totals.cake"
#load "lib/process.cake"

var target = Argument("target", "test");
var configuration = Argument("configuration", "Release");

var root = MakeAbsolute(Directory(".."));
var artifacts = root.Combine("artifacts");
var solution = root.CombineWithFilePath("Reqivo.sln");
var testResults = artifacts.Combine("test-results");
var totals = new TestTotals();

var knownTargets = new[] { "compile", "test", "conformance", "interop", "mutation", "bench", "bench-load", "pack", "demo" };
if (!knownTargets.Contains(target))
{
    Error($"Unknown target '{target}'. Known targets: {string.Join(", ", knownTargets)}.");
    Environment.Exit(2);
}

Task("compile")
    .Description("Restores and builds every project, warnings as errors.")
    .Does(() =>
{
    Run("dotnet", $"build \"{solution}\" -c {configuration} -nologo -warnaserror", root);
});

Task("conformance")
    .Description("The RFC conformance suite (writes conformance/REPORT.md, fails on any failing MUST), then Reqivo's WebSocket client through the fuzzing server over groups 9, 12 and 13, sync and async (fails on any FAILED or UNIMPLEMENTED case).")
    .IsDependentOn("compile")
    .Does(() =>
{
    RunConformance();
    // Groups 1-7 and 10 run in every test run (FuzzingServerConformanceTests); the long groups run here only.
    RunWebSocketConformance(async: false);
    RunWebSocketConformance(async: true);
    totals.Print(artifacts);
    totals.ThrowIfFailed();
});

Task("test")
    .Description("Compiles, runs every unit and loopback test project and the conformance suite, and prints the totals.")
    .IsDependentOn("compile")
    .Does(() =>
{
    CleanDirectory(testResults);
    // One run per project, each into its own folder, so every project leaves exactly one .trx to count.
    // Interop tests need third-party servers and run in their own target.
    foreach (var project in GetFiles($"{root}/tests/*/*.Tests.csproj").Where(p => !p.FullPath.Contains(".Interop.")))
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        // A hang is a bug: --blame-hang-timeout ends a stuck test run with a dump instead of eating CI's time.
        var exit = RunAllowingFailure("dotnet",
            $"test \"{project}\" -c {configuration} --no-build -nologo --logger trx --results-directory \"{testResults}/{name}\" --blame-hang-timeout 5m",
            root);
        totals.AddTrxFolder($"{testResults}/{name}", exit);
    }

    RunConformance();
    totals.Print(artifacts);
    totals.ThrowIfFailed();
});

Task("interop")
    .Description("Starts the interop peers (build/interop/nginx.sh, build/interop/httpbin.sh, build/interop/websockets.sh), runs tests/Reqivo.Interop.Tests against them, always stops them, and prints the totals (also in artifacts/interop-totals.txt).")
    .Does(() =>
{
    const string name = "Reqivo.Interop.Tests";
    var results = testResults.Combine(name);
    CleanDirectory(results);
    DeleteFileIfExists(artifacts.CombineWithFilePath("interop-totals.txt"));

    // Each script installs its server when missing (apt, as root) and starts it; the tests read the ports (and
    // nginx's certificate) from artifacts/interop/<peer>/.
    var peers = new[] { "nginx", "httpbin", "websockets" };
    var failedStarts = new List<string>();
    try
    {
        foreach (var peer in peers)
        {
            var startExit = RunAllowingFailure("bash", $"build/interop/{peer}.sh start", root);
            if (startExit != 0)
            {
                failedStarts.Add($"build/interop/{peer}.sh start failed with exit code {startExit}");
            }
        }

        if (failedStarts.Count == 0)
        {
            var exit = RunAllowingFailure("dotnet",
                $"test \"{root}/tests/{name}\" -c {configuration} -nologo --logger trx --results-directory \"{results}\" --blame-hang-timeout 5m",
                root);
            totals.AddTrxFolder(results.FullPath, exit);
        }
        else
        {
            totals.AddBrokenRun(string.Join("; ", failedStarts) + ": no interop test ran");
        }
    }
    finally
    {
        // Always, even when the tests failed or crashed: a private server left running would hold the ports.
        foreach (var peer in peers)
        {
            if (RunAllowingFailure("bash", $"build/interop/{peer}.sh stop", root) != 0)
            {
                totals.AddBrokenRun($"build/interop/{peer}.sh stop failed: {peer} may still be running");
            }
        }
    }

    totals.Print(artifacts, "interop-totals.txt");
    totals.ThrowIfFailed();
});

void DeleteFileIfExists(FilePath file)
{
    if (FileExists(file))
    {
        DeleteFile(file);
    }
}

void RunConformance()
{
    var summary = artifacts.CombineWithFilePath("conformance-summary.txt");
    EnsureDirectoryExists(artifacts);
    var exit = RunAllowingFailure("dotnet",
        $"run --project conformance/Reqivo.Conformance -c {configuration} --no-build -- --report conformance/REPORT.md --summary \"{summary}\"",
        root);
    totals.AddConformance(summary.FullPath, exit);
}

// Reqivo's own Autobahn-style driver (conformance/clients/reqivo) through the fuzzing server over the permessage-deflate
// and limits groups (270 cases), 100 messages per 9.7/9.8/12.x/13.x case instead of Autobahn's 1000 to keep each run
// to a few minutes (docs/websocket-conformance.md has the times). Every case counts in the totals.
void RunWebSocketConformance(bool async)
{
    var agent = async ? "reqivo-async" : "reqivo";
    var index = artifacts.CombineWithFilePath($"ws-conformance/{agent}/index.json");
    // A report left by an earlier run must not be counted for this one.
    DeleteFileIfExists(index);
    // REQIVO_WSCONF_PORT=0: the server picks a free port, so parallel runs on one machine do not collide.
    var exit = RunAllowingFailure("env",
        $"REQIVO_WSCONF_PORT=0 bash build/interop/ws-conformance.sh reqivo {(async ? "--async " : "")}--cases \"9.*,12.*,13.*\" --message-count 100",
        root);
    totals.AddWebSocketReport(index.FullPath, exit, $"WebSocket conformance ({agent}, groups 9, 12, 13)");
}

Task("mutation")
    .Description("Stryker.NET on every package that declares a MutationBreakThreshold; fails below the threshold.")
    .Does(() =>
{
    // --package=Reqivo.Pooling (comma-separated) limits the run to those packages: a full run takes hours on 2 cores.
    var only = Argument("package", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    foreach (var project in GetFiles($"{root}/packages/*/*.csproj"))
    {
        var threshold = XmlPeekOrNull(project, "/Project/PropertyGroup/MutationBreakThreshold");
        var name = project.GetFilenameWithoutExtension().ToString();
        if (threshold is null || (only.Length > 0 && !only.Contains(name)))
        {
            continue;
        }

        var testProject = root.CombineWithFilePath($"tests/{name}.Tests/{name}.Tests.csproj");
        var output = artifacts.Combine($"mutation/{name}");
        // Stryker rejects a break threshold above its "low" threshold, and "low" above "high": derive both from the
        // package's own threshold so a package may declare anything from 0 to 100.
        var breakAt = int.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture);
        var high = Math.Max(breakAt, 90);
        Information($"Mutation testing {name} (break threshold {breakAt} %)");
        // Stryker exits non-zero when the score is below --break-at; Run turns that into a failed target.
        Run("dotnet",
            $"dotnet-stryker --project {name}.csproj --test-project \"{testProject}\" --config-file \"{root}/build/stryker-config.json\" --threshold-high {high} --threshold-low {breakAt} --break-at {breakAt} --output \"{output}\" --skip-version-check",
            root.Combine($"tests/{name}.Tests"));
    }
});

Task("bench")
    .Description("The codec micro-benchmarks (BenchmarkDotNet, short job with 15 iterations); the GitHub-markdown tables land in docs/benchmarks/codec.md.")
    .Does(() =>
{
    var output = artifacts.Combine("benchmarks");
    CleanDirectory(output);
    // BenchmarkDotNet refuses unoptimised builds, so this target is always Release. The short job (1 launch, 3 warm-up
    // iterations) with 15 measured iterations instead of its 3 keeps the whole run to about two minutes while giving
    // error columns narrow enough to read on a shared machine. No shell runs the command, so "*" reaches
    // BenchmarkDotNet as is.
    Run("dotnet",
        $"run -c Release --project benchmarks/Reqivo.Benchmarks -- --filter \"*\" --job short --iterationCount 15 --exporters github --artifacts \"{output}\"",
        root);

    var reports = GetFiles($"{output}/results/*-report-github.md").OrderBy(f => f.FullPath).ToList();
    if (reports.Count == 0)
    {
        throw new Exception($"BenchmarkDotNet wrote no GitHub-markdown report under {output}/results.");
    }

    var text = new System.Text.StringBuilder()
        .AppendLine("# Codec micro-benchmarks")
        .AppendLine()
        .AppendLine("Generated by `./build.sh bench` (BenchmarkDotNet, `--job short --iterationCount 15`); do not edit by hand. What the numbers")
        .AppendLine("mean, and the machine they come from, are in [../performance.md](../performance.md).");
    foreach (var report in reports)
    {
        var name = report.GetFilename().ToString().Replace("-report-github.md", "").Replace("Reqivo.Benchmarks.", "");
        text.AppendLine().AppendLine($"## {name}").AppendLine().AppendLine(System.IO.File.ReadAllText(report.FullPath).Trim());
    }

    var codec = root.CombineWithFilePath("docs/benchmarks/codec.md");
    EnsureDirectoryExists(codec.GetDirectory());
    System.IO.File.WriteAllText(codec.FullPath, text.ToString());
    Information($"wrote {codec} from {reports.Count} report(s)");
});

Task("pack")
    .Description("One .nupkg per package, each with its own version, in artifacts/packages.")
    .IsDependentOn("compile")
    .Does(() =>
{
    var output = artifacts.Combine("packages");
    CleanDirectory(output);
    foreach (var project in GetFiles($"{root}/packages/*/*.csproj"))
    {
        Run("dotnet", $"pack \"{project}\" -c {configuration} --no-build -nologo -o \"{output}\"", root);
    }

    var packed = GetFiles($"{output}/*.nupkg");
    foreach (var package in packed)
    {
        Information($"packed {package.GetFilename()}");
    }

    var expected = GetFiles($"{root}/packages/*/*.csproj").Count;
    if (packed.Count != expected)
    {
        throw new Exception($"Expected {expected} packages (one per project under packages/), found {packed.Count}.");
    }
});

Task("demo")
    .Description("Runs samples/Reqivo.Demo: a Session against an embedded Kestrel server on 127.0.0.1; fails when a check fails.")
    .Does(() =>
{
    Run("dotnet", $"run --project samples/Reqivo.Demo -c {configuration} -nologo", root);
});

Task("bench-load")
    .Description("The loopback load harness (Reqivo, HttpClient, wrk on nginx and Kestrel); report in artifacts/bench-load/.")
    .Does(() =>
{
    // Extra harness options pass through, e.g. ./build.sh bench-load --load-args="--reps 5".
    // nginx ports follow REQIVO_NGINX_HTTP_PORT / REQIVO_NGINX_HTTPS_PORT, as for the interop tier.
    var harnessArguments = Argument("load-args", "");
    var nginx = "build/interop/nginx.sh";
    Run("dotnet", $"build benchmarks/Reqivo.LoadHarness -c {configuration} -nologo", root);
    // A server that was already running (this worktree's, started by hand) is left running.
    var startedHere = RunAllowingFailure("bash", $"{nginx} status", root) != 0;
    Run("bash", $"{nginx} start", root);
    try
    {
        Run("dotnet", $"run --project benchmarks/Reqivo.LoadHarness -c {configuration} --no-build -- {harnessArguments}", root);
    }
    finally
    {
        if (startedHere)
        {
            RunAllowingFailure("bash", $"{nginx} stop", root);
        }
    }
});

string XmlPeekOrNull(FilePath file, string xpath)
{
    var document = System.Xml.Linq.XDocument.Load(file.FullPath);
    var element = System.Xml.XPath.Extensions.XPathSelectElement(document, xpath);
    return element?.Value;
}

RunTarget(target);
