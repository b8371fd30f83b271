using Npgsql;
using Portal.Security;
using Portal.Testing;
using Portal.Tests.Ingest;

namespace Portal.Tests.Processing;

/// <summary>A restart while windows are open loses nothing and counts nothing twice: open windows are rebuilt from stored spans.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Windows_open_at_a_restart_are_rebuilt_and_every_span_is_counted_once()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("restart");
        var service = $"svc{Guid.NewGuid():N}"[..12];
        var start = DateTime.UtcNow.AddSeconds(-3);
        var sent = 0;

        await using (var first = await StartAsync(connectionString))
        {
            using var client = first.Client;
            for (var i = 0; i < 30; i++)
            {
                // Out of order within three seconds, on two instances.
                await NativeCalls.SendAsync(client, NativeCalls.Record(service, $"{service}-{i % 2}", start.AddMilliseconds((i * 97) % 3000)));
                sent++;
            }
        } // stopped while most of those windows are still open

        await using (var second = await StartAsync(connectionString))
        {
            using var client = second.Client;
            for (var i = 0; i < 20; i++)
            {
                await NativeCalls.SendAsync(client, NativeCalls.Record(service, $"{service}-{i % 2}", DateTime.UtcNow.AddMilliseconds(-i * 50)));
                sent++;
            }
            await Eventually.TrueAsync(async () => await FinalCountAsync(connectionString, service) >= sent, TimeSpan.FromSeconds(40), "all windows final");
            Assert.Equal(sent, await FinalCountAsync(connectionString, service));
            Assert.Equal(sent, await NativeCalls.CountAsync(client, service, start.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1)));
        }
    }

    private static async Task<long> FinalCountAsync(string connectionString, string service)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce((SELECT sum(count) FROM rollups WHERE resolution_s = 1 AND scope = 1 AND key = @k), 0)
                 + coalesce((SELECT sum(count) FROM rollup_deltas WHERE scope = 1 AND key = @k), 0)
            """, conn);
        cmd.Parameters.AddWithValue("k", service);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static async Task<RunningHost> StartAsync(string connectionString)
    {
        var port = PortalProcess.FreePort();
        var factory = new PortalAppFactory(connectionString, new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Portal:Ingest:ApiKeys:0:Name"] = "tests",
            ["Portal:Ingest:ApiKeys:0:Sha256"] = IngestHostFixture.Sha256(IngestHostFixture.Key),
            ["Portal:Windowing:OutOfOrderness"] = "00:00:01",
            ["Portal:Windowing:AllowedLateness"] = "00:00:02",
            ["Portal:Windowing:SourceIdleTimeout"] = "00:00:02",
            ["Portal:Windowing:TickInterval"] = "00:00:00.100",
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = new Uri($"http://127.0.0.1:{port}");
        var user = await TestUsers.CreateAsync(connectionString, PortalRoles.Ops);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        var cookie = await TestUsers.SignInAsync(handler, address, user);
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", IngestHostFixture.Key);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return new RunningHost(factory, client);
    }

    private sealed record RunningHost(PortalAppFactory Factory, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
