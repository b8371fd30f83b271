namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// The nesting every OTLP export request shares: request → resource{Spans,Logs} (a resource and scopes) →
/// scope{Spans,Logs} → the items. Its field tags, and the names rejections use to point at an item.
/// </summary>
internal sealed record OtlpEnvelope(
    uint ResourceItemsTag, uint ResourceTag, uint ScopeItemsTag, uint ItemTag,
    string ResourceItems, string ScopeItems, string Items, string Noun)
{
    /// <summary>How many items the request holds, counted before any is mapped so a too-large batch is refused whole.</summary>
    public int CountItems(ReadOnlySpan<byte> payload)
    {
        var total = 0;
        var reader = new ProtoReader(payload);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == ResourceItemsTag) total += CountInResource(reader.ReadBytes());
            else reader.Skip(tag);
        }
        return total;
    }

    public int CountInResource(ReadOnlySpan<byte> resourceItems)
    {
        var count = 0;
        var reader = new ProtoReader(resourceItems);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag != ScopeItemsTag)
            {
                reader.Skip(tag);
                continue;
            }
            var scope = new ProtoReader(reader.ReadBytes());
            while (!scope.End)
            {
                var inner = scope.ReadTag();
                scope.Skip(inner);
                if (inner == ItemTag) count++;
            }
        }
        return count;
    }
}
