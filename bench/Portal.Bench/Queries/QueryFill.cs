using Npgsql;
using Portal.Bench.Data;
using Portal.Core.Records;
using Portal.Core.Windowing;
using Portal.Processing;
using Portal.Storage.Writers;

namespace Portal.Bench.Queries;

/// <summary>
/// Fills a store for the query benchmark the fast way, with the portal's own writers (binary COPY) rather than through
/// HTTP: spans and logs spread over the last two hours, one 200-span trace, and minute rollups of every service and of
/// "all" for the last 24 hours (what compaction would have produced).
/// </summary>
public static class QueryFill
{
    public const int TraceSpans = 200;
    public static readonly TimeSpan DataSpan = TimeSpan.FromHours(2);
    private const int RowsPerTransaction = 20_000;
    /// <summary>Words of the log messages; "frozen" appears in about one line in fifty.</summary>
    private static readonly string[] Words =
        ["transfer", "accepted", "balance", "query", "account", "ledger", "posted", "channel", "mobile", "counter", "retry", "timeout",
         "settlement", "batch", "customer", "verified", "limit", "checked", "risk", "score", "bureau", "report", "loan", "approved"];

    public sealed record Filled(TraceId Trace, DateTime DataFrom, DateTime DataTo);

    public static async Task<Filled> RunAsync(string connectionString, int spans, int logs, DateTime now)
    {
        var traffic = new SyntheticTraffic(seed: 21);
        var from = now - DataSpan;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        for (var written = 0; written < spans; written += RowsPerTransaction)
        {
            var batch = new TelemetryBatch();
            batch.Spans.AddRange(traffic.Spans(Math.Min(RowsPerTransaction, spans - written), from, DataSpan));
            await TelemetryStore.WriteAsync(conn, batch, CancellationToken.None);
        }
        var trace = new TelemetryBatch();
        trace.Spans.AddRange(traffic.Trace(TraceSpans, now - TimeSpan.FromMinutes(30)));
        await TelemetryStore.WriteAsync(conn, trace, CancellationToken.None);

        var random = new Random(5);
        for (var written = 0; written < logs; written += RowsPerTransaction)
        {
            var batch = new TelemetryBatch();
            for (var i = 0; i < Math.Min(RowsPerTransaction, logs - written); i++) batch.Logs.Add(Log(random, from));
            await TelemetryStore.WriteAsync(conn, batch, CancellationToken.None);
        }
        await WriteRollupsAsync(conn, now, random);
        return new Filled(trace.Spans[0].TraceId, from, now);
    }

    private static LogRecord Log(Random random, DateTime from)
    {
        var service = random.Next(SyntheticTraffic.ServiceCount);
        var words = Enumerable.Range(0, 8).Select(_ => Words[random.Next(Words.Length)]);
        var message = string.Join(' ', words) + (random.Next(50) == 0 ? " account frozen" : "") + $" ref {random.Next():x8}";
        return new LogRecord
        {
            Time = from.AddTicks(random.NextInt64(DataSpan.Ticks)),
            Service = SyntheticTraffic.Service(service),
            Instance = SyntheticTraffic.Instance(service, random.Next(SyntheticTraffic.InstancesPerService)),
            Level = random.Next(20) == 0 ? LogLevel.Error : LogLevel.Info,
            Message = message,
            TraceId = new TraceId(1, (ulong)random.NextInt64(1, long.MaxValue)),
        };
    }

    private static async Task WriteRollupsAsync(NpgsqlConnection conn, DateTime now, Random random)
    {
        var keys = Enumerable.Range(0, SyntheticTraffic.ServiceCount).Select(s => WindowKey.ForService(SyntheticTraffic.Service(s))).Append(WindowKey.All);
        var end = RollupResolution.Floor(now, RollupLevel.Minute);
        var rows = new List<AggregateRow>();
        foreach (var key in keys)
        {
            for (var minute = end.AddDays(-1); minute < end; minute = minute.AddMinutes(1))
            {
                var aggregate = new WindowAggregate();
                for (var i = 0; i < 50; i++) aggregate.Add((long)Math.Exp(Math.Log(5_000) + random.NextDouble() * 2 - 1), random.Next(50) == 0);
                rows.Add(new AggregateRow(RollupLevel.Minute, key, minute, aggregate));
            }
        }
        await using var tx = await conn.BeginTransactionAsync();
        await AggregateRows.UpsertRollupsAsync(conn, tx, rows, CancellationToken.None);
        await tx.CommitAsync();
    }
}
