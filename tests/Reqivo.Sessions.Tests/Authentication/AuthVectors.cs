using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Reqivo.Tests;

namespace Reqivo.Sessions.Tests.Authentication;

/// <summary>The cases of ../shared/vectors/http-auth/, by id.</summary>
internal static class AuthVectors
{
    public const string Basic = "http-auth/basic-examples.json";
    public const string Digest = "http-auth/digest-examples.json";

    /// <summary>The ids of a file's cases; a single placeholder when the vectors are absent (the theory is skipped then).</summary>
    public static TheoryData<string> Ids(string file)
    {
        var data = new TheoryData<string>();
        if (TestVectors.Root is null)
        {
            data.Add("vectors-absent");
            return data;
        }

        foreach (JsonElement element in Cases(file))
        {
            data.Add(element.GetProperty("id").GetString()!);
        }

        return data;
    }

    public static JsonElement Case(string file, string id) =>
        Cases(file).Single(c => c.GetProperty("id").GetString() == id);

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static string? OptionalText(this JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.GetString() : null;

    private static List<JsonElement> Cases(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf(file)));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToList();
    }
}
