using System.Diagnostics;
using Portal.Bench.Data;
using Portal.Bench.Report;
using Portal.Core.Ingest.Native;
using Portal.Core.Ingest.Otlp;

namespace Portal.Bench.Ingest;

/// <summary>
/// Decode-only rate of the Core decoders for one 500-span batch of each format (one thread, no I/O): the share of an
/// ingest request's CPU time spent turning bytes into records.
/// </summary>
public static class DecodeBenchmark
{
    public static List<Figure> Run(BenchSizes sizes)
    {
        var figures = new List<Figure>();
        var spans = new SyntheticTraffic(seed: 7).Spans(BodySet.SpansPerBody, DateTime.UtcNow, TimeSpan.FromSeconds(1));
        foreach (var format in WireFormat.All)
        {
            var body = format.Encode(spans);
            var rates = new List<double>();
            for (var run = 0; run < sizes.Runs + 1; run++)
            {
                var clock = Stopwatch.StartNew();
                long decoded = 0;
                while (clock.Elapsed < sizes.DecodeRunTime) decoded += Decode(format, body);
                if (run > 0) rates.Add(decoded / clock.Elapsed.TotalSeconds); // the first run warms up the JIT
            }
            figures.Add(new Figure($"decode only, {format.Name}, 500-span batch ({body.Length / 1024} KiB), 1 thread", "spans/s",
                Stats.Median(rates), rates.Count, BenchSizes.Command(sizes, "decode")));
        }
        return figures;
    }

    private static int Decode(WireFormat format, byte[] body)
    {
        var now = DateTime.UtcNow;
        var result = format == WireFormat.OtlpProtobuf ? OtlpTraceDecoder.DecodeProtobuf(body, now)
            : format == WireFormat.OtlpJson ? OtlpTraceDecoder.DecodeJson(body, now)
            : NativeCallRecordDecoder.Decode(body, now);
        if (result.IsFatal || result.RejectedCount > 0) throw new InvalidOperationException($"{format.Name}: the decoder refused the batch: {result.FatalError}");
        return result.Records.Count;
    }
}
