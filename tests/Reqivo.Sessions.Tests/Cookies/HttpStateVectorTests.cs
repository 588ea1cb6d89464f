using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Reqivo.Cookies;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Cookies;

/// <summary>
/// Every case of the IETF http-state parser suite (cookies/http-state/parser.json), run through a fresh jar as its
/// PROVENANCE.md prescribes: each <c>received</c> value is a Set-Cookie from
/// <c>http://home.example.org:8888/cookie-parser?TEST</c>; the jar must then send exactly <c>sent</c>.
/// </summary>
public sealed class HttpStateVectorTests
{
    private static readonly Uri Origin = new("http://home.example.org:8888/");

    /// <summary>
    /// The upstream-disabled cases (browsers disagreed) where this jar deliberately differs from the file, with what it
    /// sends instead. rfc6265bis Set-Cookie parsing: a Set-Cookie holding a control character (NUL, CR) is ignored entirely
    /// rather than truncated.
    /// </summary>
    private static readonly Dictionary<string, (string Name, string Value)[]> Deviations = new(StringComparer.Ordinal)
    {
        ["DISABLED_CHROMIUM0022"] = [],
        ["DISABLED_CHROMIUM0023"] = [],
    };

    public static TheoryData<string> GatedCases => CaseIds(disabled: false);

    public static TheoryData<string> DisabledCases => CaseIds(disabled: true);

    [VectorTheory]
    [MemberData(nameof(GatedCases))]
    public void Jar_sends_what_the_suite_expects(string test)
    {
        JsonElement vector = Load()[test];
        Assert.Equal(Expected(vector), Run(test, vector));
    }

    [VectorTheory]
    [MemberData(nameof(DisabledCases))]
    public void Disabled_cases_match_the_suite_or_the_documented_deviation(string test)
    {
        JsonElement vector = Load()[test];
        (string, string)[] expected = Deviations.TryGetValue(test, out var deviation) ? deviation : Expected(vector);
        Assert.Equal(expected, Run(test, vector));
    }

    [VectorFact]
    public void Suite_has_every_case_of_its_provenance()
    {
        Assert.Equal(222, Load().Count);
    }

    private static (string, string)[] Run(string test, JsonElement vector)
    {
        var jar = new CookieJar(new CookieJarOptions { TimeProvider = new ManualClock() });
        var from = new Uri(Origin, "/cookie-parser?" + test);
        foreach (JsonElement received in vector.GetProperty("received").EnumerateArray())
        {
            jar.SetCookie(from, received.GetString()!);
        }

        Uri to = vector.TryGetProperty("sent-to", out JsonElement sentTo)
            ? new Uri(Origin, sentTo.GetString()!)
            : new Uri(Origin, "/cookie-parser-result?" + test);
        return jar.GetCookies(to).Select(cookie => (cookie.Name, cookie.Value)).ToArray();
    }

    private static (string, string)[] Expected(JsonElement vector) =>
        vector.GetProperty("sent").EnumerateArray()
            .Select(pair => (pair.GetProperty("name").GetString()!, pair.GetProperty("value").GetString()!))
            .ToArray();

    private static TheoryData<string> CaseIds(bool disabled)
    {
        var data = new TheoryData<string>();
        if (TestVectors.Root is null)
        {
            return data;
        }

        foreach (string id in Load().Keys.Where(id => id.StartsWith("DISABLED_", StringComparison.Ordinal) == disabled))
        {
            data.Add(id);
        }

        return data;
    }

    private static Dictionary<string, JsonElement> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("cookies/http-state/parser.json")));
        return document.RootElement.EnumerateArray()
            .ToDictionary(item => item.GetProperty("test").GetString()!, item => item.Clone(), StringComparer.Ordinal);
    }
}
