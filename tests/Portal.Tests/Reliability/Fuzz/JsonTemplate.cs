using System.Text;

namespace Portal.Tests.Reliability.Fuzz;

/// <summary>
/// A valid JSON payload with named slots (<c>%name%</c>) and their valid values. A case fills one slot with a hostile value
/// or damages the bytes, or leaves everything valid (a control that must be stored).
/// </summary>
public sealed record JsonTemplate(string Format, string Path, string ContentType, string Text, IReadOnlyDictionary<string, string> Slots)
{
    private static readonly string[] Kinds = [.. Mutations.Names, "hostile-value", "hostile-value", "hostile-value", "gzip-bomb", "gzip-corrupt", "gzip", "control"];

    public FuzzCase Create(int index, Random random, IReadOnlyList<string> traceIds, IReadOnlyList<string> eventIds)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var slot = Slots.Keys.ElementAt(random.Next(Slots.Count));
        var text = Fill(kind == "hostile-value" ? slot : null, HostileJson.Value(random));
        var bytes = Encoding.UTF8.GetBytes(text);
        var name = kind == "hostile-value" ? $"{kind}:{slot}" : kind;
        var body = kind switch
        {
            "hostile-value" or "control" => bytes,
            "gzip" => GzipBodies.Compress(bytes),
            "gzip-corrupt" => Mutations.Apply("flip", GzipBodies.Compress(bytes), random),
            "gzip-bomb" => GzipBodies.Bomb(random.Next(2) == 0 ? 8 : 32),
            _ => Mutations.Apply(kind, bytes, random),
        };
        return new FuzzCase($"#{index} {Format}/{name}", Path, ContentType, body)
        {
            Gzip = kind.StartsWith("gzip", StringComparison.Ordinal),
            TraceIds = traceIds,
            EventIds = eventIds,
            Control = kind is "control" or "gzip",
        };
    }

    private string Fill(string? hostileSlot, string hostileValue)
    {
        var text = new StringBuilder(Text);
        foreach (var (slot, value) in Slots) text.Replace($"%{slot}%", slot == hostileSlot ? hostileValue : value);
        return text.ToString();
    }
}
