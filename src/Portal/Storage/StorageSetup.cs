using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Hosting;
using Portal.Storage.Embedded;

namespace Portal.Storage;

/// <summary>Wires the store: the embedded or configured PostgreSQL, the data source, EF Core, migrations at start-up.</summary>
public static class StorageSetup
{
    public static WebApplicationBuilder AddPortalStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);

        var connectionString = builder.Configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
            var root = Path.Combine(builder.Environment.ContentRootPath, options.DataDirectory);
            services.AddSingleton(sp => new EmbeddedPostgres(root, sp.GetRequiredService<ILoggerFactory>().CreateLogger<EmbeddedPostgres>()));
            connectionString = EmbeddedPostgres.ConnectionStringFor(root, DatabaseStartup.EmbeddedDatabaseName);
        }
        else
        {
            Validate(connectionString);
        }

        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddDbContextPool<PortalDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<DatabaseMigrator>();
        // Registered before every other hosted service, so it starts first and stops last.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseStartup>());
        services.AddHostedService<PartitionMaintenance>();
        return builder;
    }

    private static void Validate(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"ConnectionStrings:Portal is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}
