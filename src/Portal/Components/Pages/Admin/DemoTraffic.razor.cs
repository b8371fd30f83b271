using Microsoft.AspNetCore.Components;
using Portal.Demo;
using Portal.TrafficGen.Simulation;

namespace Portal.Components.Pages.Admin;

public partial class DemoTraffic
{
    [Inject] private DemoFaults Faults { get; set; } = default!;
    [Inject] private ILogger<DemoTraffic> Logger { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "inject-fault")] private FaultForm? Fault { get; set; }

    private List<InjectedFault> active = [];
    private string? message;
    private bool injected;

    protected override void OnInitialized() => active = [.. Faults.Active];

    private void Inject()
    {
        if (Validate(Fault) is { } command)
        {
            if (Faults.Inject(command) is { } fault)
            {
                injected = true;
                message = FormattableString.Invariant($"Injected: {command}, until {fault.Until:HH:mm:ss} UTC.");
                Logger.LogInformation("{User} injected the demo fault {Fault}", HttpContext.User.Identity?.Name, command);
            }
            else message = "The demo traffic stopped; nothing was injected.";
        }
        active = [.. Faults.Active];
    }

    /// <summary>The fault the form describes, or null with <see cref="message"/> naming the field that is wrong.</summary>
    private FaultCommand? Validate(FaultForm? form)
    {
        if (!FaultCommand.TryKind(form?.Kind, out var kind)) message = "Fault: choose fail or slow.";
        else if (!BankTopology.Services.Contains(form!.Service ?? "")) message = "Service: choose one of the simulated bank's services.";
        else if (!FaultCommand.TryMagnitude(kind, form.Magnitude, out var magnitude))
            message = kind == FaultKind.Slow ? "Share or factor: a slow-down factor is a number of at least 1." : "Share or factor: a failure share is within 0..1.";
        else if (form.Seconds is < 1 || form.Seconds > FaultCommand.LongestDuration.TotalSeconds) message = "For seconds: between 1 and 3600.";
        else return new FaultCommand(form.Service!, kind, magnitude, TimeSpan.FromSeconds(form.Seconds));
        return null;
    }

    private sealed class FaultForm
    {
        public string? Kind { get; set; }
        public string? Service { get; set; }
        public string? Magnitude { get; set; }
        public int Seconds { get; set; } = 60;
    }
}
