using System.Globalization;

namespace Portal.TrafficGen.Simulation;

/// <summary>
/// A fault as an operator types it: <c>slow SERVICE [FACTOR] DURATION</c> or <c>fail SERVICE [SHARE] DURATION</c>, the
/// duration in seconds or with a unit (<c>90</c>, <c>90s</c>, <c>2m</c>). Read from the traffic generator's command line and
/// standard input, and from the portal's demo page.
/// </summary>
public sealed record FaultCommand(string Service, FaultKind Kind, double? Magnitude, TimeSpan Duration)
{
    public static readonly TimeSpan LongestDuration = TimeSpan.FromHours(1);

    public const string Syntax = "slow SERVICE [FACTOR ≥ 1] DURATION | fail SERVICE [SHARE 0..1] DURATION (e.g. \"fail payments 0.5 60s\")";

    /// <summary>Parses one command; on failure <paramref name="error"/> says which word is wrong and why.</summary>
    public static bool TryParse(string? text, out FaultCommand? command, out string error)
    {
        command = null;
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is < 3 or > 4)
        {
            error = $"expected {Syntax}";
            return false;
        }
        if (!TryKind(words[0], out var kind))
        {
            error = $"'{words[0]}' is not a fault: slow or fail";
            return false;
        }
        if (!BankTopology.Services.Contains(words[1]))
        {
            error = $"'{words[1]}' is not a service of the simulated bank: {string.Join(", ", BankTopology.Services)}";
            return false;
        }
        if (!TryMagnitude(kind, words.Length == 4 ? words[2] : null, out var magnitude))
        {
            error = kind == FaultKind.Slow
                ? $"'{words[2]}' is not a slow-down factor: a number of at least 1"
                : $"'{words[2]}' is not a failure share: a number within 0..1";
            return false;
        }
        if (!TryDuration(words[^1], out var duration))
        {
            error = $"'{words[^1]}' is not a duration: seconds (90, 90s) or minutes (2m), at most {LongestDuration.TotalMinutes:0} minutes";
            return false;
        }
        command = new FaultCommand(words[1], kind, magnitude, duration);
        error = "";
        return true;
    }

    /// <summary>Reads a magnitude of <paramref name="kind"/>; none given (null or blank) leaves the fault's default (null).</summary>
    public static bool TryMagnitude(FaultKind kind, string? text, out double? magnitude)
    {
        magnitude = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !IsValid(kind, value)) return false;
        magnitude = value;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is a valid magnitude of <paramref name="kind"/>.</summary>
    private static bool IsValid(FaultKind kind, double value) =>
        double.IsFinite(value) && (kind == FaultKind.Slow ? value >= 1 : value is >= 0 and <= 1);

    public static bool TryKind(string? text, out FaultKind kind)
    {
        kind = text?.ToLowerInvariant() switch { "slow" => FaultKind.Slow, "fail" => FaultKind.Fail, _ => (FaultKind)(-1) };
        return Enum.IsDefined(kind);
    }

    public InjectedFault InjectInto(TrafficGenerator generator) => generator.InjectFault(Service, Kind, Duration, Magnitude);

    public override string ToString() => FormattableString.Invariant(
        $"{Kind.ToString().ToLowerInvariant()} {Service}{(Magnitude is { } m ? $" {m}" : "")} {Duration.TotalSeconds:0}s");

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        var (number, unit) = text.EndsWith('m') ? (text[..^1], 60) : text.EndsWith('s') ? (text[..^1], 1) : (text, 1);
        duration = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
            ? TimeSpan.FromSeconds(Math.Min(value * unit, LongestDuration.TotalSeconds + 1))
            : TimeSpan.Zero;
        return duration > TimeSpan.Zero && duration <= LongestDuration;
    }
}
