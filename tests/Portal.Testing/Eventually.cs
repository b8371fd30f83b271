namespace Portal.Testing;

/// <summary>Waits for a condition that the system reaches asynchronously (a window turning final, a process being ready).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? what = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {timeout}: {what ?? "condition"}.");
            await Task.Delay(100);
        }
    }
}
