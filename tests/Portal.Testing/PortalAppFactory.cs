using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Hosting;

namespace Portal.Testing;

/// <summary>The real host (Program) against a database of the test cluster.</summary>
public class PortalAppFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(ContentRootLocator.Locate());
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        builder.UseSetting("Portal:Ingest:GrpcPort", "0"); // tests that want gRPC name a free port in their settings
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }
}
