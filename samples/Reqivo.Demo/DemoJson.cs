using System.Text.Json.Serialization;

namespace Reqivo.Demo;

internal sealed record Order(string Sku, int Quantity, decimal UnitPrice);

internal sealed record Receipt(string Id, decimal Total);

/// <summary>Source-generated JSON metadata: no reflection at run time, trimming- and AOT-friendly.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
internal sealed partial class DemoJson : JsonSerializerContext;
