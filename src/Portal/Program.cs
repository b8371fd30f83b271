using Portal.Components;
using Portal.Components.Pages.Account;
using Portal.Demo;
using Portal.Hosting;
using Portal.Ingest;
using Portal.Processing;
using Portal.Queries;
using Portal.Scenarios;
using Portal.Security;
using Portal.Storage;

try
{
    args = DemoMode.Strip(args, out var demo);
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = ContentRootLocator.Locate(),
        WebRootPath = "wwwroot",
    });
    builder.WebHost.UseStaticWebAssets();
    builder.ConfigurePortalEndpoints();
    builder.AddPortalStorage();
    builder.Services.AddPortalHealthChecks();
    builder.Services.AddPortalIngest();
    builder.Services.AddPortalProcessing();
    builder.Services.AddPortalQueries();
    builder.Services.AddPortalSecurity(demo);
    builder.Services.AddPortalPages();
    builder.Services.AddPortalScenarios();
    builder.Services.AddOpenApi();
    builder.AddPortalDemo(demo);

    var app = builder.Build();
    app.UseStaticFiles(); // before routing: the files of wwwroot are public and need no endpoint
    app.UseRouting();
    app.UsePortalSecurity();
    app.UseRateLimiter();
    app.UseAntiforgery();
    app.MapStaticAssets().AllowAnonymous();
    app.MapPortalHealthChecks();
    app.MapPortalIngest();
    app.MapPortalQueries();
    app.MapPortalSeries();
    app.MapPortalLive();
    app.MapPortalScenarios();
    app.MapOpenApi();
    app.MapPortalAccount();
    app.MapPortalPages();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.Explain(e) is { } message)
{
    Console.Error.WriteLine($"Portal could not start: {message}");
    return 1;
}

public partial class Program;
