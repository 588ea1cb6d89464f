using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Reqivo.LoadHarness;

/// <summary>
/// Which types a run allocates, from the runtime's own <c>GCAllocationTick</c> events (one about every 100 KB
/// allocated, naming the type of the object that crossed the threshold). A statistical profile without external
/// tools: each type's share of the samples estimates its share of the bytes. The listener allocates a little per
/// event itself (about 1 % of what it observes).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytesByType.Clear();
        _recording = true;
    }

    public void Stop() => _recording = false;

    /// <summary>The sampled types, largest first, with their share of the sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Shares()
    {
        long total = _bytesByType.Values.Sum();
        return [.. _bytesByType.OrderByDescending(p => p.Value).Select(p => (p.Key, total == 0 ? 0 : (double)p.Value / total))];
    }

    public long SampledBytes => _bytesByType.Values.Sum();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true
            || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        int typeAt = names.IndexOf("TypeName");
        int amountAt = names.IndexOf("AllocationAmount64");
        if (typeAt < 0 || amountAt < 0)
        {
            return;
        }

        string type = payload[typeAt] as string ?? "?";
        long amount = Convert.ToInt64(payload[amountAt], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
