using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Server;

namespace Reqivo.WebSocketConformance.Reporting;

/// <summary>Collects a judged case and its connection's closing facts into a <see cref="CaseResult"/>.</summary>
internal static class CaseResultBuilder
{
    private const int MaxListedEvents = 20;

    public static CaseResult Build(CaseInfo info, int index, string agent, CaseScript script, FuzzingConnection connection, UpgradeRequest request, long durationMs) => new()
    {
        Id = info.Id,
        Index = index,
        Agent = agent,
        Behavior = script.Behavior,
        BehaviorClose = script.BehaviorClose,
        Result = script.Result,
        ResultClose = script.ResultClose,
        Description = info.Description,
        Expectation = info.Expectation,
        Expected = script.Expected.ToDictionary(e => e.Key, e => Summarize(e.Value)),
        Received = Summarize(script.Received),
        DurationMs = durationMs,
        ClosedByMe = connection.ClosedByMe,
        FailedByMe = connection.FailedByMe,
        DroppedByMe = connection.DroppedByMe,
        WasClean = connection.WasClean,
        WasNotCleanReason = connection.WasNotCleanReason,
        WasCloseHandshakeTimeout = connection.WasCloseHandshakeTimeout,
        LocalCloseCode = connection.LocalCloseCode,
        RemoteCloseCode = connection.RemoteCloseCode,
        RemoteCloseReason = connection.RemoteCloseReason,
        ExpectedCloseCodes = script.ExpectedClose.CloseCodes,
        Extensions = connection.Deflate?.ResponseHeader,
        HttpRequest = request.Head,
    };

    private static List<string> Summarize(List<Observation> events)
    {
        var list = events.Take(MaxListedEvents).Select(e => e.ToString()).ToList();
        if (events.Count > MaxListedEvents)
        {
            list.Add($"... {events.Count - MaxListedEvents} more");
        }

        return list;
    }
}
