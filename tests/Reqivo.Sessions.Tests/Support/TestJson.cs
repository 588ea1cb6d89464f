using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>The document served by Kestrel's /json endpoint.</summary>
internal sealed record JsonDocumentModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("items")] IReadOnlyList<int> Items);

/// <summary>A value sent as a request body and echoed back.</summary>
internal sealed record Order(string Customer, int Quantity, bool Express);

/// <summary>Source-generated JSON metadata for the tests (no reflection).</summary>
[JsonSerializable(typeof(JsonDocumentModel))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
