using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Server;

namespace Reqivo.WebSocketConformance.Reporting;

/// <summary>
/// Writes an agent's reports: one JSON file per case (case_1_1_1.json), index.json (all verdicts) and summary.md
/// (counts per group and per verdict, the list of cases that are not OK). Returns the summary text.
/// </summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(string reportDirectory, string agent, IReadOnlyList<CaseInfo> selected, ConcurrentDictionary<string, CaseResult> results)
    {
        string directory = Path.Combine(reportDirectory, SafeName(agent));
        Directory.CreateDirectory(directory);
        var ordered = selected.Where(c => results.ContainsKey(c.Id)).Select(c => results[c.Id]).ToList();
        foreach (CaseResult result in ordered)
        {
            File.WriteAllText(Path.Combine(directory, "case_" + result.Id.Replace('.', '_') + ".json"), JsonSerializer.Serialize(result, Json));
        }

        var index = ordered.ToDictionary(r => r.Id, r => new { behavior = r.Behavior, behaviorClose = r.BehaviorClose, remoteCloseCode = r.RemoteCloseCode, duration = r.DurationMs, reason = r.Result });
        File.WriteAllText(Path.Combine(directory, "index.json"), JsonSerializer.Serialize(index, Json));
        string summary = Summary(agent, selected, ordered);
        File.WriteAllText(Path.Combine(directory, "summary.md"), summary);
        return summary;
    }

    private static string Summary(string agent, IReadOnlyList<CaseInfo> selected, List<CaseResult> results)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# WebSocket conformance: {agent}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{results.Count} of {selected.Count} selected cases run.\n\n");
        text.Append("| group | cases | " + string.Join(" | ", Verdict.All) + " |\n");
        text.Append("| --- | ---: |" + string.Concat(Verdict.All.Select(_ => " ---: |")) + "\n");
        foreach (IGrouping<string, CaseResult> group in results.GroupBy(r => r.Id.Split('.')[0]))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | ");
            text.Append(string.Join(" | ", Verdict.All.Select(v => group.Count(r => r.Behavior == v).ToString(CultureInfo.InvariantCulture))));
            text.Append(" |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"| all | {results.Count} | ");
        text.Append(string.Join(" | ", Verdict.All.Select(v => results.Count(r => r.Behavior == v).ToString(CultureInfo.InvariantCulture))));
        text.Append(" |\n\n");

        var notOk = results.Where(r => r.Behavior != Verdict.Ok || r.BehaviorClose != Verdict.Ok).ToList();
        if (notOk.Count == 0)
        {
            text.Append("Every case OK, closing behaviour OK.\n");
            return text.ToString();
        }

        text.Append("## Cases not fully OK\n\n| case | result | close | remote code | reason |\n| --- | --- | --- | --- | --- |\n");
        foreach (CaseResult r in notOk)
        {
            string reason = r.Behavior == Verdict.Ok ? r.ResultClose : r.Result;
            if (r.WasNotCleanReason is string unclean && r.Behavior == Verdict.Failed && !reason.Contains(unclean, StringComparison.Ordinal))
            {
                reason += " (" + unclean + ")";
            }

            text.Append(CultureInfo.InvariantCulture, $"| {r.Id} | {r.Behavior} | {r.BehaviorClose} | {r.RemoteCloseCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {reason.Replace('|', '/')} |\n");
        }

        return text.ToString();
    }

    private static string SafeName(string agent) =>
        new(agent.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
