namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// Walks an OTLP export request in protobuf wire format (see <see cref="OtlpEnvelope"/>) and hands each item with its
/// resource to <see cref="MapItem"/>: one rejection per bad item, with its path; a bad resource rejects its items; a
/// fatal error (malformed bytes) rejects the request. The trace and log decoders differ only in how an item maps.
/// </summary>
internal abstract class OtlpWireDecoder<TRecord>
{
    private readonly OtlpEnvelope _envelope;
    private readonly List<Rejection> _rejections = [];
    private readonly List<Range> _resources = [];

    protected OtlpWireDecoder(OtlpEnvelope envelope, DateTime nowUtc, IngestOptions options, int capacity)
    {
        _envelope = envelope;
        NowUtc = nowUtc;
        Options = options;
        ScenarioKey = WireResource.KeyBytes(options.ScenarioAttribute);
        Records = new List<TRecord>(capacity);
    }

    protected DateTime NowUtc { get; }
    protected IngestOptions Options { get; }
    protected IngestLimits Limits => Options.Limits;
    protected byte[] ScenarioKey { get; }
    protected JsonScratch Json { get; } = new();
    protected Utf8StringCache Strings { get; } = new();
    protected List<TRecord> Records { get; }

    /// <summary>Maps one item and adds its record; returns what is wrong with it instead, its field relative to the item.</summary>
    protected abstract FieldError? MapItem(ReadOnlySpan<byte> item, in WireResource resource);

    protected static DecodeResult<TRecord> Decode(ReadOnlySpan<byte> payload, OtlpEnvelope envelope, IngestLimits limits,
        Func<int, OtlpWireDecoder<TRecord>> create)
    {
        try
        {
            var total = envelope.CountItems(payload);
            if (total > limits.MaxRecordsPerBatch)
                return DecodeResult<TRecord>.Fatal($"payload has {total} {envelope.Noun}; at most {limits.MaxRecordsPerBatch} are accepted per request");
            return create(total).Run(payload);
        }
        catch (ProtobufFormatException e)
        {
            return DecodeResult<TRecord>.Fatal($"invalid protobuf: {e.Message}");
        }
    }

    private DecodeResult<TRecord> Run(ReadOnlySpan<byte> payload)
    {
        var reader = new ProtoReader(payload);
        for (var r = 0; !reader.End;)
        {
            var tag = reader.ReadTag();
            if (tag != _envelope.ResourceItemsTag)
            {
                reader.Skip(tag);
                continue;
            }
            if (ReadResourceItems(reader.ReadBytes(), r++) is { } fatal) return DecodeResult<TRecord>.Fatal(fatal);
        }
        return new(Records, _rejections, null);
    }

    /// <summary>Maps one resource's items; returns the fatal error, if any.</summary>
    private string? ReadResourceItems(ReadOnlySpan<byte> bytes, int r)
    {
        // The resource may follow the items on the wire, so find it first.
        _resources.Clear();
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == _envelope.ResourceTag) _resources.Add(reader.ReadRange());
            else reader.Skip(tag);
        }
        var resourcePath = $"{_envelope.ResourceItems}[{r}]";
        var resource = WireResource.Read(bytes, _resources, Options, ScenarioKey, Strings, out var resourceError);
        if (resourceError is { } bad)
        {
            if (bad.Fatal) return $"{resourcePath}.{bad.Field}: {bad.Reason}";
            var count = _envelope.CountInResource(bytes);
            if (count > 0) _rejections.Add(new($"{resourcePath}.{bad.Field}", $"{bad.Reason}; all {count} {_envelope.Noun} of this resource rejected", count));
            return null;
        }

        reader = new ProtoReader(bytes);
        for (var s = 0; !reader.End;)
        {
            var tag = reader.ReadTag();
            if (tag != _envelope.ScopeItemsTag)
            {
                reader.Skip(tag);
                continue;
            }
            var scope = new ProtoReader(reader.ReadBytes());
            for (var i = 0; !scope.End;)
            {
                var inner = scope.ReadTag();
                if (inner != _envelope.ItemTag)
                {
                    scope.Skip(inner);
                    continue;
                }
                if (MapItem(scope.ReadBytes(), resource) is { } error)
                {
                    var path = $"{resourcePath}.{_envelope.ScopeItems}[{s}].{_envelope.Items}[{i}].{error.Field}";
                    if (error.Fatal) return $"{path}: {error.Reason}";
                    _rejections.Add(new(path, error.Reason));
                }
                i++;
            }
            s++;
        }
        return null;
    }
}
