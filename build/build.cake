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

var knownTargets = new[] { "compile", "test", "conformance", "mutation", "bench", "pack" };
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
    .Description("The RFC conformance suite alone; writes conformance/REPORT.md and fails on any failing MUST.")
    .IsDependentOn("compile")
    .Does(() =>
{
    RunConformance();
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

void RunConformance()
{
    var summary = artifacts.CombineWithFilePath("conformance-summary.txt");
    EnsureDirectoryExists(artifacts);
    var exit = RunAllowingFailure("dotnet",
        $"run --project conformance/Reqivo.Conformance -c {configuration} --no-build -- --report conformance/REPORT.md --summary \"{summary}\"",
        root);
    totals.AddConformance(summary.FullPath, exit);
}

Task("mutation")
    .Description("Stryker.NET on every package that declares a MutationBreakThreshold; fails below the threshold.")
    .Does(() =>
{
    foreach (var project in GetFiles($"{root}/packages/*/*.csproj"))
    {
        var threshold = XmlPeekOrNull(project, "/Project/PropertyGroup/MutationBreakThreshold");
        if (threshold is null)
        {
            continue;
        }

        var name = project.GetFilenameWithoutExtension().ToString();
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

    foreach (var package in GetFiles($"{output}/*.nupkg"))
    {
        Information($"packed {package.GetFilename()}");
    }
});

string XmlPeekOrNull(FilePath file, string xpath)
{
    var document = System.Xml.Linq.XDocument.Load(file.FullPath);
    var element = System.Xml.XPath.Extensions.XPathSelectElement(document, xpath);
    return element?.Value;
}

RunTarget(target);
