using System.CommandLine;
using Portal.TrafficGen.Cli;

// portal-trafficgen: simulated bank traffic (spans, logs, events) into the portal, from a trickle to saturation.
var root = new RootCommand("Sends simulated traffic of a bank's microservice platform to the Portal.");
foreach (var option in CliOptions.All) root.Options.Add(option);
root.SetAction(RunCommand.RunAsync);
return await root.Parse(args).InvokeAsync();
