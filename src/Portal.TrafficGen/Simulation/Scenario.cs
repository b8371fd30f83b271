namespace Portal.TrafficGen.Simulation;

/// <summary>A business scenario: its code (the root's <c>business.scenario</c>), how often it happens and its call tree per channel.</summary>
public sealed record Scenario(string Code, double Weight, IReadOnlyDictionary<string, CallSpec> TreeByChannel, string? CompletedEvent);
