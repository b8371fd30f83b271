using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Security;

namespace Portal.Live;

/// <summary>The live feed: browsers subscribe to groups and receive coalesced updates, at most about one per group per second.</summary>
[Authorize(Policy = PortalRoles.Policies.Ops)]
public sealed class LiveHub(LiveSubscribers subscribers) : Hub
{
    public const string Path = "/hubs/live";
    public const int MaxGroupsPerCall = 50;

    public void Subscribe(string[] groups)
    {
        if (groups is null || groups.Length > MaxGroupsPerCall) throw new HubException($"groups: between 0 and {MaxGroupsPerCall} names.");
        foreach (var group in groups)
        {
            if (!LiveGroups.IsValid(group)) throw new HubException($"groups: '{Clip(group)}' is not a live group.");
        }
        subscribers.Add(Context.ConnectionId, groups);
    }

    public void Unsubscribe(string[] groups) => subscribers.Remove(Context.ConnectionId, groups ?? []);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscribers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
