using System.Text;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Creates the script for a catalogue case; each group registers its cases by id.</summary>
internal sealed class CaseFactory
{
    private readonly Dictionary<string, Func<CaseInfo, CaseScript>> _scripts = new(StringComparer.Ordinal);

    public CaseFactory(CaseLimits limits)
    {
        FramingCases.Register(this);
        ReservedBitsAndOpcodeCases.Register(this);
        FragmentationCases.Register(this);
        Utf8Cases.Register(this);
        CloseCases.Register(this);
        LimitsCases.Register(this, limits);
        CompressionCases.Register(this, limits);
    }

    public bool Knows(CaseInfo info) => _scripts.ContainsKey(info.Id) || Generated(info) is not null;

    public CaseScript Create(CaseInfo info)
    {
        if (_scripts.TryGetValue(info.Id, out Func<CaseInfo, CaseScript>? create))
        {
            return create(info);
        }

        return Generated(info) ?? throw new InvalidOperationException("no script for case " + info.Id);
    }

    public void Add(string id, Func<CaseInfo, CaseScript> create) => _scripts[id] = create;

    /// <summary>Shorthand for a scripted case.</summary>
    public void Add(string id, Action<ScriptedCase> onOpen, Action<ScriptedCase>? afterJudging = null) =>
        _scripts[id] = info => new ScriptedCase(info, onOpen, afterJudging);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Cases whose parameters come from the catalogue itself (6.5-6.23, 7.7, 7.9).</summary>
    private static CaseScript? Generated(CaseInfo info)
    {
        if (info.PayloadHex is not null && info.Utf8Valid is bool valid)
        {
            return Utf8Cases.FromCatalogue(info, Convert.FromHexString(info.PayloadHex), valid);
        }

        if (info.CloseCode is int code)
        {
            return CloseCases.WithCloseCode(info, code);
        }

        return null;
    }
}

/// <summary>Bounds for the long-running groups (9, 12, 13), set from the command line.</summary>
internal sealed record CaseLimits(int MaxMessageSize, int MessageCount);
