using Microsoft.AspNetCore.Components;
using Portal.Components.Interop;
using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Telemetry;

public partial class ServicesTable
{
    public static readonly string[] SortFields = ["name", "count", "errors", "p95"];

    [Parameter, EditorRequired] public IReadOnlyList<Series> Rows { get; set; } = [];
    [Parameter, EditorRequired] public SortOrder Sort { get; set; }
    [Parameter, EditorRequired] public Func<Series, string> LinkOf { get; set; } = _ => "";
    [Parameter] public Func<Series, string> DisplayName { get; set; } = s => s.Key;
    [Parameter] public string NameLabel { get; set; } = "Service";
    [Parameter] public bool Live { get; set; }
    [Parameter] public string EmptyTitle { get; set; } = "No services in this range";
    [Parameter] public string EmptyText { get; set; } = "A service appears here after its first call record in the selected range.";

    private ElementReference table;

    /// <summary>Sorts rows as the URL asks; the same order the table's headers show.</summary>
    public static IReadOnlyList<Series> Sorted(IEnumerable<Series> rows, SortOrder sort)
    {
        Func<Series, object?> key = sort.Field switch
        {
            "name" => s => s.Key,
            "errors" => s => s.Total.Count == 0 ? 0 : (double)s.Total.Errors / s.Total.Count,
            "p95" => s => s.Total.P95Ms ?? -1,
            _ => s => s.Total.Count,
        };
        return (sort.Descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ToList();
    }

    /// <summary>The "Now" cells follow the live feed (js/services-live.js) while the table shows the live range.</summary>
    protected override Task OnAfterRenderAsync(bool firstRender) =>
        AttachAsync(Live && Rows.Count > 0 ? ElementKey.Of(table) : "", "./js/services-live.js", table);

    private static string ErrorRate(SeriesPoint total) => total.Count == 0 ? "—" : $"{100.0 * total.Errors / total.Count:0.##} %";

    private static string Ms(double? ms) => ms is null ? "—" : $"{ms:0.#} ms";
}
