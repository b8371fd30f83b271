using Microsoft.AspNetCore.Components;
using Portal.Components.Ui;
using Portal.Core.Topology;
using Portal.Scenarios;

namespace Portal.Components.Pages;

public partial class TopologyVersionReview
{
    [Inject] private TopologyStore Store { get; set; } = default!;
    [Inject] private TopologyPublisher Publisher { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";

    [SupplyParameterFromForm(FormName = "confirm-version")] private NoteForm? Confirm { get; set; }
    [SupplyParameterFromForm(FormName = "reject-version")] private NoteForm? Reject { get; set; }
    [SupplyParameterFromForm(FormName = "remove-edge")] private IndexForm? RemoveEdge { get; set; }
    [SupplyParameterFromForm(FormName = "remove-node")] private IndexForm? RemoveNode { get; set; }
    [SupplyParameterFromForm(FormName = "add-edge")] private AddEdgeForm? AddEdge { get; set; }
    [SupplyParameterFromForm(FormName = "add-node")] private AddNodeForm? AddNode { get; set; }
    [SupplyParameterFromForm(FormName = "describe-scenario")] private DescribeForm? Describe { get; set; }

    private TopologyVersion? version;
    private TopologyVersion? published;
    private ScenarioInfo? scenario;
    private List<TopologyVersion> history = [];
    private string? message;
    private BannerKind messageKind = BannerKind.Info;

    private string Admin => HttpContext.User.Identity?.Name ?? "admin";

    private string Title => version is null ? "Topology version" : $"{scenario?.Name ?? version.Scenario} · version {version.Version}";

    /// <summary>What this version is compared with: the published one, unless this is it.</summary>
    private TopologyVersion? ComparedWith => published?.Id == version?.Id ? null : published;

    private IEnumerable<TopologyEdge> RemovedEdges => ComparedWith is { } other && version is not null
        ? other.Topology.Edges.Where(e => version.Topology.FindEdge(e.Caller, e.Callee) is null)
        : [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        version = long.TryParse(Id, out var id) ? await Store.VersionAsync(id, CancellationToken.None) : null;
        if (version is null) return;
        published = await Store.PublishedAsync(version.Scenario, CancellationToken.None);
        scenario = await Store.ScenarioAsync(version.Scenario, CancellationToken.None);
        history = await Store.HistoryAsync(version.Scenario, CancellationToken.None);
    }

    private async Task ConfirmAsync()
    {
        if (version is null) return;
        Report(await Publisher.ConfirmAsync(version.Id, Admin, Confirm?.Note, CancellationToken.None), $"Version {version.Version} is published.");
        await LoadAsync();
    }

    private async Task RejectAsync()
    {
        if (version is null) return;
        Report(await Publisher.RejectAsync(version.Id, Admin, Reject?.Note, CancellationToken.None), $"Version {version.Version} is rejected.");
        await LoadAsync();
    }

    private Task RemoveEdgeAsync() =>
        version is not null && RemoveEdge?.Index is { } i && i >= 0 && i < version.Topology.Edges.Count
            ? EditAsync(new TopologyEdit.RemoveEdge(version.Topology.Edges[i].Caller, version.Topology.Edges[i].Callee))
            : Task.CompletedTask;

    private Task RemoveNodeAsync() =>
        version is not null && RemoveNode?.Index is { } i && i >= 0 && i < version.Topology.Nodes.Count
            ? EditAsync(new TopologyEdit.RemoveNode(version.Topology.Nodes[i].Key))
            : Task.CompletedTask;

    private Task AddEdgeAsync()
    {
        if (AddEdge is not { } f || Node(f.CallerService, f.CallerEndpoint) is not { } caller || Node(f.CalleeService, f.CalleeEndpoint) is not { } callee)
            return Fail("Add a call: give the caller's and the callee's service and endpoint.");
        return caller == callee ? Fail("Add a call: a node does not call itself here.") : EditAsync(new TopologyEdit.AddEdge(caller, callee));
    }

    private Task AddNodeAsync() =>
        Node(AddNode?.Service, AddNode?.Endpoint) is { } node ? EditAsync(new TopologyEdit.AddNode(node)) : Fail("Add a node: give its service and endpoint.");

    private async Task DescribeAsync()
    {
        if (version is null) return;
        var name = Describe?.DisplayName?.Trim();
        var description = Describe?.Description?.Trim();
        if (name?.Length > 200 || description?.Length > 2000)
        {
            await Fail("The display name may have 200 characters and the description 2,000.");
            return;
        }
        await Store.DescribeAsync(version.Scenario, name, description, Admin, CancellationToken.None);
        message = "Scenario details saved.";
        await LoadAsync();
    }

    private async Task EditAsync(TopologyEdit edit)
    {
        if (version is null) return;
        try
        {
            if (await Publisher.EditAsync(version.Id, [edit], Admin, CancellationToken.None) is { } id)
            {
                Navigation.NavigateTo(ReviewLinks.Version(id));
                return;
            }
            await Fail("This version no longer exists.");
        }
        catch (ArgumentException e)
        {
            await Fail(e.Message);
        }
    }

    private Task Fail(string text)
    {
        message = text;
        messageKind = BannerKind.Warning;
        return Task.CompletedTask;
    }

    private void Report(ReviewOutcome outcome, string done)
    {
        (message, messageKind) = outcome switch
        {
            ReviewOutcome.Done => (done, BannerKind.Info),
            ReviewOutcome.NotPending => ("This version is no longer pending: someone decided on it already.", BannerKind.Warning),
            _ => ("This version no longer exists.", BannerKind.Warning),
        };
    }

    /// <summary>A node key from two form fields, trimmed; null when either is blank or too long.</summary>
    private static TopologyNodeKey? Node(string? service, string? endpoint)
    {
        service = service?.Trim();
        endpoint = endpoint?.Trim();
        if (string.IsNullOrEmpty(service) || string.IsNullOrEmpty(endpoint) || service.Length > 200 || endpoint.Length > 300 || service.Contains(' '))
            return null;
        return new TopologyNodeKey(service, endpoint);
    }

    private string ChangeOf(TopologyEdge edge) => ComparedWith?.Topology.FindEdge(edge.Caller, edge.Callee) switch
    {
        null when ComparedWith is null => "—",
        null => "added",
        { Category: var old } when old != edge.Category => edge.Category == EdgeCategory.Main ? "now main" : "now sporadic",
        _ => "same",
    };

    private static Tone ChangeTone(string change) => change switch
    {
        "added" or "now main" => Tone.Ok,
        "removed" => Tone.Error,
        "now sporadic" => Tone.Warn,
        _ => Tone.Neutral,
    };

    private static Tone StatusTone(TopologyStatus status) => status switch
    {
        TopologyStatus.Published => Tone.Ok,
        TopologyStatus.Pending => Tone.Accent,
        TopologyStatus.Rejected => Tone.Error,
        _ => Tone.Neutral,
    };

    private sealed class NoteForm
    {
        public string? Note { get; set; }
    }

    private sealed class IndexForm
    {
        public int? Index { get; set; }
    }

    private sealed class AddEdgeForm
    {
        public string? CallerService { get; set; }
        public string? CallerEndpoint { get; set; }
        public string? CalleeService { get; set; }
        public string? CalleeEndpoint { get; set; }
    }

    private sealed class AddNodeForm
    {
        public string? Service { get; set; }
        public string? Endpoint { get; set; }
    }

    private sealed class DescribeForm
    {
        public string? DisplayName { get; set; }
        public string? Description { get; set; }
    }
}
