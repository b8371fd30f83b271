using Microsoft.AspNetCore.Components;
using Portal.Ingest;

namespace Portal.Components.Pages.Admin;

public partial class ApiKeys
{
    [Inject] private IngestKeyAdmin Keys { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "create-key")] private NewKeyForm? NewKey { get; set; }
    [SupplyParameterFromForm(FormName = "key-action")] private KeyActionForm? Action { get; set; }

    private List<IngestKeyInfo> keys = [];
    private string? shownKey;
    private string? shownName;
    private string? message;

    private string Admin => HttpContext.User.Identity?.Name ?? "admin";

    protected override async Task OnInitializedAsync() => keys = await Keys.ListAsync(CancellationToken.None);

    private async Task CreateAsync()
    {
        var name = NewKey?.Name?.Trim();
        var scopes = (NewKey?.Scopes ?? []).Where(s => IngestKeyAdmin.AllScopes.Contains(s)).Distinct().ToArray();
        if (string.IsNullOrEmpty(name) || name.Length > 100) message = "Name: give the key a name of 1 to 100 characters.";
        else if (scopes.Length == 0) message = "May send: choose at least one of traces, logs, events.";
        else if (NewKey!.Rate is < 1 or > 100_000) message = "Requests per second: between 1 and 100,000.";
        else
        {
            shownKey = await Keys.CreateAsync(name, scopes, NewKey.Rate, Admin, CancellationToken.None);
            shownName = name;
        }
        keys = await Keys.ListAsync(CancellationToken.None);
    }

    private async Task ActAsync()
    {
        if (Action?.Rotate is { } rotate)
        {
            shownKey = await Keys.RotateAsync(rotate, Admin, CancellationToken.None);
            shownName = keys.FirstOrDefault(k => k.Id == rotate)?.Name;
            if (shownKey is null) message = "That key is already revoked.";
        }
        else if (Action?.Revoke is { } revoke && !await Keys.RevokeAsync(revoke, CancellationToken.None))
        {
            message = "That key is already revoked.";
        }
        keys = await Keys.ListAsync(CancellationToken.None);
    }

    private sealed class NewKeyForm
    {
        public string? Name { get; set; }
        public string[]? Scopes { get; set; }
        public int Rate { get; set; } = IngestKeyAdmin.DefaultRatePerSecond;
    }

    private sealed class KeyActionForm
    {
        public long? Rotate { get; set; }
        public long? Revoke { get; set; }
    }
}
