using Microsoft.AspNetCore.Components;
using Portal.Scenarios;

namespace Portal.Components.Pages;

public partial class TopologyReview
{
    [Inject] private TopologyStore Store { get; set; } = default!;
    [Inject] private TopologyInferenceJob Job { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "infer-now")] private InferNowForm? InferNow { get; set; }

    private List<TopologyVersion> pending = [];
    private List<ScenarioInfo> scenarios = [];
    private Dictionary<string, TopologyVersion> published = [];
    private string? message;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        pending = await Store.PendingAsync(CancellationToken.None);
        scenarios = await Store.ScenariosAsync(CancellationToken.None);
        published = await Store.PublishedAllAsync(CancellationToken.None);
    }

    private async Task InferNowAsync()
    {
        var results = await Job.RunOnceAsync(CancellationToken.None);
        message = results is null
            ? "Another portal instance is inferring right now; its results show here in a moment."
            : results.Count == 0
                ? "No scenario had root call records in the sample window."
                : "Inferred: " + string.Join("; ", results.Select(r => $"{r.Scenario} — {r.Outcome} ({r.Traces} traces)")) + ".";
        await LoadAsync();
    }

    private string NameOf(string code) => scenarios.FirstOrDefault(s => s.Code == code)?.Name ?? code;

    private sealed class InferNowForm
    {
        public bool Run { get; set; }
    }
}
