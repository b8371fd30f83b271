using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Portal.Components.Ui;

namespace Portal.Components.Pages.Dev;

public partial class UiGallery
{
    private static readonly string[] SortFields = ["start", "service", "duration"];

    [Inject] private IWebHostEnvironment Environment { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }

    private TimeRange range = default!;
    private SortOrder sort;
    private int page;
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    protected override void OnInitialized()
    {
        if (!Environment.IsDevelopment()) Navigation.NotFound();
    }

    protected override void OnParametersSet()
    {
        range = TimeRange.Parse(Range, From, To, now);
        sort = SortOrder.Parse(Sort, SortFields, new SortOrder("start", Descending: true));
        page = Math.Max(1, PageNumber ?? 1);
    }

    private long Minute(int index) => (now.ToUnixTimeMilliseconds() / 60_000 - 60 + index) * 60_000;

    /// <summary>A smooth curve with a spike, so the chart shows its axes, tooltip and scale.</summary>
    private string SeriesJson => JsonSerializer.Serialize(new object[]
    {
        new { name = "p50", points = Enumerable.Range(0, 60).Select(i => new object?[] { Minute(i), Math.Round(80 + 10 * Math.Sin(i / 6.0), 1) }) },
        new { name = "p95", points = Enumerable.Range(0, 60).Select(i => new object?[] { Minute(i), i == 41 ? null : Math.Round(190 + 30 * Math.Sin(i / 5.0) + (i is > 30 and < 36 ? 180 : 0), 1) }) },
    });

    private string SparkJson(int seed) => JsonSerializer.Serialize(new[]
    {
        new { name = "throughput", points = Enumerable.Range(0, 30).Select(i => new object[] { Minute(i), 1200 + 90 * Math.Sin((i + seed) / 3.0) }) },
    });

    /// <summary>A transfer scenario with a failing core-banking call; one name carries markup to prove it stays text.</summary>
    private static string GraphJson => JsonSerializer.Serialize(new
    {
        nodes = new object[]
        {
            new { id = "gw", label = "api-gateway", critical = true, details = new Dictionary<string, string> { ["Endpoint"] = "POST /transfer", ["Duration"] = "912 ms" } },
            new { id = "tx", label = "transfer-service", critical = true, details = new Dictionary<string, string> { ["Endpoint"] = "Transfer", ["Duration"] = "880 ms" } },
            new { id = "acct", label = "account-service", details = new Dictionary<string, string> { ["Endpoint"] = "Debit", ["Duration"] = "35 ms" } },
            new { id = "risk", label = "risk-engine <b>v2</b>", details = new Dictionary<string, string> { ["Endpoint"] = "Score", ["Duration"] = "41 ms" } },
            new { id = "core", label = "core-banking", error = true, critical = true, details = new Dictionary<string, string> { ["Endpoint"] = "Post", ["Status"] = "ERROR E1042 timeout", ["Duration"] = "800 ms" } },
            new { id = "notify", label = "notification", details = new Dictionary<string, string> { ["Endpoint"] = "Send", ["Duration"] = "4 ms" } },
        },
        edges = new object[]
        {
            new { source = "gw", target = "tx", critical = true },
            new { source = "tx", target = "acct", label = "2 calls" },
            new { source = "tx", target = "risk" },
            new { source = "tx", target = "core", critical = true, error = true },
            new { source = "tx", target = "notify" },
        },
    });

    private sealed record Row(string Start, string Service, string TraceId, int Duration, bool Ok);

    private IEnumerable<Row> Rows => Enumerable.Range(0, 6).Select(i => new Row(
        now.AddSeconds(-i * 7).UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        i % 3 == 0 ? "transfer-service" : "account-service",
        $"{0x4bf92f3577b34da6 + (ulong)i:x16}a3ce929d0e0e4736",
        37 * (i + 1),
        i != 2));
}
