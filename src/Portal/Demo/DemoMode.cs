using System.Security.Cryptography;
using System.Text;
using Portal.Ingest;

namespace Portal.Demo;

/// <summary>
/// <c>--demo</c>: the portal feeds itself simulated bank traffic, so a first start shows live curves, scenarios and
/// traces within seconds. A random ingest key is made for the simulation at each start and never shown.
/// </summary>
public static class DemoMode
{
    public const string Flag = "--demo";

    /// <summary>Removes the flag (the configuration parser wants key=value pairs) and says whether it was there.</summary>
    public static string[] Strip(string[] args, out bool enabled)
    {
        enabled = args.Contains(Flag, StringComparer.OrdinalIgnoreCase);
        return args.Where(a => !a.Equals(Flag, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    public static WebApplicationBuilder AddPortalDemo(this WebApplicationBuilder builder, bool enabled)
    {
        enabled |= builder.Configuration.GetValue<bool>("Portal:Demo:Enabled");
        builder.Services.AddSingleton<DemoFaults>();
        if (!enabled) return builder;
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        builder.Services.PostConfigure<IngestKeyOptions>(o =>
            o.ApiKeys.Add(new IngestKey("demo-traffic", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))))));
        builder.Services.AddSingleton(new DemoSettings(key, builder.Configuration.GetValue("Portal:Demo:Rate", 8.0)));
        builder.Services.AddHostedService<DemoTrafficService>();
        return builder;
    }
}

/// <param name="ApiKey">The simulation's own ingest key.</param>
/// <param name="Rate">Business transactions per second.</param>
public sealed record DemoSettings(string ApiKey, double Rate);
