using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>One entry of autobahn-cases.json.</summary>
internal sealed record CaseInfo(
    string Id,
    string Group,
    string SubgroupTitle,
    string Description,
    string Expectation,
    int? CloseCode,
    string? PayloadHex,
    bool? Utf8Valid,
    string? TestData)
{
    /// <summary>The id as numbers, for ordering (1.1.10 after 1.1.9).</summary>
    public int[] Tuple { get; } = Id.Split('.').Select(int.Parse).ToArray();
}

/// <summary>
/// The case catalogue (the vectors' autobahn-cases.json) and Autobahn's case selection: patterns with '*' are
/// regular expressions over ids, the result is sorted by id, and exclusions are removed.
/// </summary>
internal sealed class CaseCatalogue
{
    private CaseCatalogue(List<CaseInfo> cases) => All = cases;

    public IReadOnlyList<CaseInfo> All { get; }

    public static CaseCatalogue Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using JsonDocument document = JsonDocument.Parse(stream);
        var cases = new List<CaseInfo>();
        foreach (JsonElement item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            cases.Add(new CaseInfo(
                item.GetProperty("id").GetString()!,
                item.GetProperty("group").GetString()!,
                item.TryGetProperty("subgroup_title", out JsonElement sub) ? sub.GetString() ?? string.Empty : string.Empty,
                item.GetProperty("description").GetString()!,
                item.GetProperty("expectation").GetString()!,
                item.TryGetProperty("close_code", out JsonElement code) ? code.GetInt32() : null,
                item.TryGetProperty("payload_hex", out JsonElement hex) ? hex.GetString() : null,
                item.TryGetProperty("utf8_valid", out JsonElement valid) ? valid.GetBoolean() : null,
                item.TryGetProperty("testdata", out JsonElement data) ? data.GetString() : null));
        }

        return new CaseCatalogue(cases);
    }

    /// <summary>The cases matching any of <paramref name="include"/> and none of <paramref name="exclude"/>, sorted by id.</summary>
    public List<CaseInfo> Select(IEnumerable<string> include, IEnumerable<string> exclude)
    {
        HashSet<string> excluded = Resolve(exclude);
        HashSet<string> included = Resolve(include);
        return All.Where(c => included.Contains(c.Id) && !excluded.Contains(c.Id))
            .OrderBy(c => c.Tuple, Comparer<int[]>.Create(CompareTuples))
            .ToList();
    }

    private HashSet<string> Resolve(IEnumerable<string> patterns)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string raw in patterns)
        {
            string pattern = raw.Trim();
            if (pattern.Length == 0)
            {
                continue;
            }

            var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
            foreach (CaseInfo c in All.Where(c => regex.IsMatch(c.Id)))
            {
                ids.Add(c.Id);
            }
        }

        return ids;
    }

    private static int CompareTuples(int[]? a, int[]? b)
    {
        for (int i = 0; i < Math.Min(a!.Length, b!.Length); i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
