using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Tests.Reliability.Fuzz;

/// <summary>
/// Thousands of hostile payloads from a seeded generator, in every ingest format: never a 5xx, never a hang, and a refused
/// request stores nothing. The portal runs as its own process, so a crash (a stack overflow) shows as a failure here
/// instead of taking the test run down.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class HostileInputFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20240508;
    private const int Cases = 3_000;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private sealed record Outcome(FuzzCase Case, int Status, string Detail);

    [Fact]
    public async Task Hostile_payloads_never_get_a_5xx_or_hang_and_refused_ones_store_nothing()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("fuzz");
        await using var portal = await ReliabilityPortal.StartAsync(connectionString, PortalProcess.FreePort(),
            new Dictionary<string, string?> { ["Portal__Ingest__MaxDecompressedBytes"] = (4 * 1024 * 1024).ToString() });
        using var client = ReliabilityPortal.Client(portal.Address, RequestTimeout);

        var outcomes = new ConcurrentBag<Outcome>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < Cases;)
            {
                outcomes.Add(await SendAsync(client, Generate(i)));
            }
        }));

        var spans = await StoredRecords.ValuesAsync(connectionString, "SELECT DISTINCT encode(trace_id, 'hex') FROM spans");
        var logs = await StoredRecords.ValuesAsync(connectionString, "SELECT DISTINCT encode(trace_id, 'hex') FROM logs WHERE trace_id IS NOT NULL");
        var events = await StoredRecords.ValuesAsync(connectionString, "SELECT id FROM events");
        bool Stored(FuzzCase c) => c.TraceIds.Any(t => spans.Contains(t) || logs.Contains(t)) || c.EventIds.Any(events.Contains);

        var all = outcomes.OrderBy(o => o.Case.Name).ToList();
        var failures = all.Where(o => o.Status is 0 or >= 500).ToList();
        var leaked = all.Where(o => o.Status is >= 400 and < 500 && Stored(o.Case)).ToList();
        var lostControls = all.Where(o => o.Case.Control && (o.Status != 200 || !o.Case.TraceIds.Concat(o.Case.EventIds).All(id => spans.Contains(id) || logs.Contains(id) || events.Contains(id)))).ToList();
        output.WriteLine($"{all.Count:N0} hostile payloads (seed {Seed}): " +
                         string.Join(", ", all.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count():N0}")) + ".");
        output.WriteLine($"5xx or no answer within {RequestTimeout.TotalSeconds:F0} s: {failures.Count}; refused but stored: {leaked.Count}; " +
                         $"valid controls not stored: {lostControls.Count} of {all.Count(o => o.Case.Control)}.");
        foreach (var o in failures.Concat(leaked).Concat(lostControls).Take(20)) output.WriteLine($"  {o.Case.Name}: {o.Status} {o.Detail}");
        if (portal.HasExited) output.WriteLine($"The portal exited with {portal.ExitCode}:\n{string.Join('\n', portal.Output.Split('\n').TakeLast(30))}");

        Assert.Empty(failures);
        Assert.Empty(leaked);
        Assert.Empty(lostControls);
        Assert.False(portal.HasExited, portal.Output);
        Assert.True(await ReliabilityPortal.IsHealthyAsync(portal.Address));
    }

    private static FuzzCase Generate(int index)
    {
        var random = new Random(Seed + index);
        return (index % 10) switch
        {
            < 4 => OtlpProtobufCases.Create(index, random),
            < 6 => JsonCases.OtlpJson(index, random),
            < 7 => JsonCases.NativeCalls(index, random),
            < 8 => JsonCases.NativeLogs(index, random),
            _ => JsonCases.CloudEvents(index, random),
        };
    }

    private static async Task<Outcome> SendAsync(HttpClient client, FuzzCase fuzz)
    {
        var content = new ByteArrayContent(fuzz.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
        if (fuzz.Gzip) content.Headers.ContentEncoding.Add("gzip");
        try
        {
            using var response = await client.PostAsync(fuzz.Path, content);
            var detail = await response.Content.ReadAsStringAsync();
            return new(fuzz, (int)response.StatusCode, detail.Length <= 300 ? detail : detail[..300]);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new(fuzz, 0, e.Message);
        }
    }
}
