using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Core.Topology;
using Portal.Storage;

namespace Portal.Scenarios;

/// <summary>What one pass of the inference job did to one scenario.</summary>
public sealed record InferenceResult(string Scenario, int Traces, TopologyDecisionKind Decision, string Outcome, string Explanation);

/// <summary>
/// Learns every recently active scenario's topology from its stored traces and publishes it or queues it for an admin,
/// as <see cref="TopologyDecider"/> says. One portal instance runs a pass at a time (transaction-scoped advisory lock);
/// the others skip that beat.
/// </summary>
public sealed class TopologyInferenceJob(
    NpgsqlDataSource dataSource,
    DatabaseReadiness readiness,
    IOptions<ScenarioOptions> options,
    TimeProvider clock,
    ILogger<TopologyInferenceJob> logger) : BackgroundService
{
    private const long AdvisoryLockKey = 0x506F7274616C03;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!readiness.IsMigrated) continue;
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (NpgsqlException e)
                {
                    logger.LogWarning("Topology inference failed; retrying at the next interval: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One pass over every scenario seen in the sample window; null when another instance holds the lock.</summary>
    public async Task<IReadOnlyList<InferenceResult>?> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var topologyOptions = settings.Topology;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey})", conn, tx))
        {
            if (await lockCmd.ExecuteScalarAsync(ct) is not true) return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - settings.SampleWindow;
        var results = new List<InferenceResult>();
        foreach (var seen in await ScenarioSampler.DiscoverAsync(conn, tx, since, ct))
        {
            await TopologyPublisher.TouchScenarioAsync(conn, tx, seen.Code, seen.FirstSeen, seen.LastSeen, ct);
            var traces = await ScenarioSampler.SampleAsync(conn, tx, seen.Code, since, settings.MaxTraces, ct);
            var published = await TopologyPublisher.PublishedAsync(conn, tx, seen.Code, ct);
            if (TopologyInference.Infer(seen.Code, traces, now, topologyOptions, published?.Topology) is not { } inferred) continue;
            var decision = TopologyDecider.Decide(inferred, published?.Topology, topologyOptions);
            var outcome = await TopologyPublisher.RecordAsync(conn, tx, decision, EdgeExampleCollector.Collect(traces), now, ct);
            results.Add(new InferenceResult(seen.Code, inferred.TraceCount, decision.Kind, outcome, decision.Explanation));
            if (decision.Kind != TopologyDecisionKind.Unchanged)
                logger.LogInformation("Scenario {Scenario}: topology {Outcome}. {Explanation}", seen.Code, outcome, decision.Explanation);
        }
        await tx.CommitAsync(ct);
        return results;
    }
}
